#!/usr/bin/env bash
# The figures the docs quote: measure one kind, then print its markdown tables with `bench report --table NAME`
# (src/Bench.Reporting/Tables; each table has a golden file in tests/Bench.Reporting.Tests).
#   scripts/figures.sh NAME [--out DIR | --from DIR] [NAME's options]
#
#   faults          one `bench run` per fault kind, each on a fresh private node: recovery, failures in the window,
#                   casts lost or duplicated (counted at the workers by unique id)   [--duration S] [--only NAME[,NAME…]]
#   cluster         `bench run --suite cluster`: 1 node against 3, classic against quorum, leader and follower kills
#   agents          1, 2 and 3 local agents on the same total load: merged ok/s, p50, p99, start skew
#                                                                                     [--outstanding N] [--duration S]
#   celery-workers  `bench run --suite celery`: the C# worker against the best real Celery worker and the raw baseline
#   rpc-vs-raw      call.add beside raw.call at 1 and 64 outstanding, cast.count beside raw.cast, call.add's hops
#                   [--tree DIR] [--repeat N] [--duration S] [--casts N] [-- EXTRA BENCH FLAGS]
#   own-service     Bench's --target oslo|celery beside the services' own Python clients, back to back
#                   [--duration S] [--warmup S] [--outstanding "1 8"] [--python-only]
#
# --out DIR keeps the runs there (default: a fresh /tmp/figures-NAME.XXXXXX); --from DIR only prints the tables of an
# earlier measurement. Every process started is stopped on exit, Ctrl-C included. The VMs are noisy (5–30% between
# identical runs): take figures under the exclusive lock, and compare rows of one run:
#   flock -x /tmp/bench-heavy.lock scripts/figures.sh NAME
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

names="faults, cluster, agents, celery-workers, rpc-vs-raw, own-service"
name=${1:-}
[ $# -eq 0 ] || shift
declare -A opt=()
case "$name" in
  faults) opt=([duration]=25 [only]="") ;;
  cluster | celery-workers) ;;
  agents) opt=([outstanding]=12 [duration]=10) ;; # 12 outstanding: divisible by 1, 2 and 3 agents alike
  rpc-vs-raw) opt=([tree]="$root" [repeat]=5 [duration]=5 [casts]=100000) ;;
  own-service) opt=([duration]=10 [warmup]=2 [outstanding]="1 8" [python-only]=false) ;;
  *) echo "figures.sh: ${name:+unknown figures '$name'; }give one of: $names" >&2; exit 2 ;;
esac

fail_usage() {
  local known=(--out DIR --from DIR)
  local key
  for key in "${!opt[@]}"; do known+=("--$key"); done
  echo "figures.sh $name: $1 (options: ${known[*]})" >&2
  exit 2
}

out="" from="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out | --from)
      [ $# -ge 2 ] || fail_usage "$1 needs a folder"
      if [ "$1" = --out ]; then out=$2; else from=$2; fi
      shift 2 ;;
    --python-only)
      [ "$name" = own-service ] || fail_usage "unknown option $1"
      opt[python-only]=true; shift ;;
    --) [ "$name" = rpc-vs-raw ] || fail_usage "no bench flags are passed through"
      shift; extra=("$@"); break ;;
    --*)
      key=${1#--}
      [ -n "${opt[$key]+set}" ] && [ "$key" != python-only ] || fail_usage "unknown option $1"
      [ $# -ge 2 ] || fail_usage "$1 needs a value"
      opt[$key]=$2; shift 2 ;;
    *) fail_usage "unexpected argument $1" ;;
  esac
done
[ -z "$out" ] || [ -z "$from" ] || fail_usage "--out and --from exclude each other"
[ -z "$from" ] || [ -d "$from" ] || fail_usage "--from $from: no such folder"

# bench_in TREE ARGS…: the bench CLI of a checkout, built in Release.
bench_in() { (cd "$1/scenarios" && dotnet run -c Release --no-build -- "${@:2}"); }
table() { bench_in "$root" report --table "$name" "$@"; }

# measure DIR ARGS…: one `bench run ARGS --out $out/DIR` (of ${opt[tree]} when set), its output in DIR.log. A breached
# check (exit 1) still wrote its figures; anything else fails this script.
# DIR "." is $out itself, logging to run.log.
measure() {
  local target=$out/$1 log=$out/$1.log rc=0
  [ "$1" != . ] || { target=$out; log=$out/run.log; }
  shift
  bench_in "${opt[tree]:-$root}" run "$@" --out "$target" >"$log" 2>&1 || rc=$?
  [ "$rc" -le 1 ] || { tail -5 "$log" >&2; exit "$rc"; }
}

fault_runs=(broker-restart broker-kill broker-restart-durable broker-kill-durable connection-close memory-alarm worker-kill worker-pause casts-ack-after casts-ack-receipt)

measure_faults() {
  local d=${opt[duration]} only=",${opt[only]},"
  local calls=(--scenario call.add --outstanding 16 --timeout 5 --duration "$d" --warmup 1 --max-error-rate 100% --max-recovery 60)
  # The node faults run 20 s longer: stopping and starting a node with rabbitmqctl took 5–15 s here, and recovery can
  # only be seen if the run outlasts it.
  local node=(--scenario call.add --outstanding 16 --timeout 5 --duration "$((d + 20))" --warmup 1 --max-error-rate 100% --max-recovery 60)
  # 1 KiB casts, as docs/faults.md's table was measured (cast.count's own default became raw.cast's 16 bytes later).
  local casts=(--scenario cast.count --rate 1000 --duration 20 --warmup 1 --payload 1024 --durable true --persistent true --max-error-rate 100% --max-recovery 60)
  local run
  for run in "${fault_runs[@]}"; do
    [ "$only" = ",," ] || [[ "$only" == *",$run,"* ]] || continue
    case "$run" in
      broker-restart) measure "$run" "${node[@]}" --fault broker-restart@10s+6s ;;
      broker-kill) measure "$run" "${node[@]}" --fault broker-kill@10s+5s ;;
      # oslo's default queues are not durable: a restarted node comes back without the worker's queue (clients wait
      # for it to be consumed again before they send); a durable queue outlives the restart. Both are measured.
      broker-restart-durable) measure "$run" "${node[@]}" --durable true --fault broker-restart@10s+6s ;;
      broker-kill-durable) measure "$run" "${node[@]}" --durable true --fault broker-kill@10s+5s ;;
      connection-close) measure "$run" "${calls[@]}" --fault connection-close@10s ;;
      memory-alarm) measure "$run" "${calls[@]}" --fault memory-alarm@10s+5s ;;
      worker-kill) measure "$run" "${calls[@]}" --fault worker-kill@10s ;;
      worker-pause) measure "$run" "${calls[@]}" --fault worker-pause@10s+3s ;;
      casts-ack-after) measure "$run" "${casts[@]}" --ack after --fault worker-kill@8s ;;
      casts-ack-receipt) measure "$run" "${casts[@]}" --ack receipt --fault worker-kill@8s ;;
    esac
  done
}

print_faults() {
  local runs=() run
  for run in "${fault_runs[@]}"; do [ ! -f "$from/$run/results.json" ] || runs+=("$from/$run"); done
  [ ${#runs[@]} -gt 0 ] || { echo "figures.sh faults: no runs in $from" >&2; exit 1; }
  table "${runs[@]}"
  printf '\nresults: %s\n' "$from"
}

measure_cluster() { measure . --suite cluster; }
measure_celery_workers() { measure . --suite celery; }
print_cluster() { table "$from"; }
print_celery_workers() { table "$from"; printf '\nresults: %s\n' "$from/results.json"; }

measure_agents() {
  local n
  for n in 1 2 3; do
    measure "agents-$n" --agents "$n" --local --method echo --outstanding "${opt[outstanding]}" --duration "${opt[duration]}" --warmup 2
  done
}

print_agents() {
  local runs=() n
  for n in 1 2 3; do [ ! -f "$from/agents-$n/results.json" ] || runs+=("$from/agents-$n"); done
  table "${runs[@]}"
  printf '\nruns in %s\n' "$from"
}

# --tree measures another checkout (a "before" worktree, built in Release) with this one's driver and tables.
measure_rpc_vs_raw() {
  local tree repeat=${opt[repeat]} hops=()
  tree=$(cd "${opt[tree]}" && pwd)
  opt[tree]=$tree
  # Where hop stamps exist, call.add runs with and without them: the breakdown, and what the stamps themselves cost.
  ! grep -rqs 'SettingOption.Of("hops"' "$tree/scenarios" "$tree/src" || hops=(--hops on,off)
  measure calls --scenario raw.call,call.add --outstanding 1,64 --duration "${opt[duration]}" --warmup 1 "${hops[@]}" --repeat "$repeat" --route exchange "${extra[@]}"
  measure casts --scenario raw.cast,cast.count --outstanding 64 --requests "${opt[casts]}" --warmup 1 --repeat "$repeat" --route exchange "${extra[@]}"
  echo "# Bench against raw RabbitMQ.Client ($(cd "$tree" && git rev-parse --short HEAD), --repeat $repeat, $(date -u +%FT%TZ))" >"$out/title.md"
}

print_rpc_vs_raw() { table "$from/calls" "$from/casts"; printf '\nresults: %s\n' "$from"; }

# own-service: a private broker (`bench broker`), the Python oslo.messaging server (scripts/peers/oslo/server.py, topic
# nova, namespace compute, version 5.1) and a Celery worker on scenarios/examples/celery_app/shop.py (queue shop); then
# for each target and concurrency the Python client and Bench back to back, so both see the same machine load. The
# Celery worker runs the solo pool with --prefetch-multiplier 64: with 4 or less, Celery 5.2.6 / kombu 5.2.4 solo
# workers stall up to 2 s waiting for their heartbeat timer to flush acks (docs/celery.md), which would measure that
# stall, not the service, for both clients alike.
py=/usr/bin/python3 # Debian's interpreter: the python3 first on PATH may not import oslo.messaging or Celery
broker_pid="" oslo_pid="" celery_pid="" child_pid=""
cleanup() {
  trap - EXIT INT TERM
  # The current client first, then the services, then the broker they all talk to.
  for pid in $child_pid $celery_pid $oslo_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  { exec 4>&-; } 2>/dev/null || true # the oslo server also stops when its stdin closes
  for pid in $child_pid $celery_pid $oslo_pid; do wait "$pid" 2>/dev/null || true; done
  # `dotnet run` passes SIGTERM on to `bench broker`, which stops its node and deletes the node's directory.
  if [ -n "$broker_pid" ]; then kill -TERM "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
}

# A child in the background and waited for, so a signal reaches the trap at once instead of after the child.
run_child() { "$@" & child_pid=$!; local rc=0; wait "$child_pid" || rc=$?; child_pid=""; return "$rc"; }

wait_for_line() { # FILE PATTERN SECONDS WHAT
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "figures.sh own-service: $4 did not start within $3 s; its log: $1" >&2
  tail -5 "$1" >&2 || true
  exit 1
}

measure_own_service() {
  local topic=nova namespace=compute version=5.1 queue=shop uri n
  local oslo_kwargs='{"instance_uuid": "{{uuid}}", "flavor_id": {{rand:1-5}}}' celery_args='[{{seq}}, ["a", "b"]]'
  local d=${opt[duration]} w=${opt[warmup]}
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  (cd scenarios && exec dotnet run -c Release --no-build -- broker) >"$out/broker.log" 2>&1 &
  broker_pid=$!
  wait_for_line "$out/broker.log" '^amqp://' 120 "the private broker"
  uri=$(head -1 "$out/broker.log")

  mkfifo "$out/oslo.stdin"
  (cd scripts/peers/oslo && exec "$py" server.py --url "$uri" --topic "$topic" --namespace "$namespace" --version "$version") \
    <"$out/oslo.stdin" >"$out/oslo-server.log" 2>&1 &
  oslo_pid=$!
  exec 4>"$out/oslo.stdin"
  wait_for_line "$out/oslo-server.log" '^ready' 60 "the oslo server"

  (cd scenarios/examples/celery_app && SHOP_BROKER_URL="$uri" exec "$py" -m celery -A shop worker -Q "$queue" --pool solo -c 1 \
    --prefetch-multiplier 64 --loglevel=WARNING) >"$out/celery-worker.log" 2>&1 &
  celery_pid=$!
  # Ready when it answers: shop.ping through the queue.
  run_child "$py" scripts/peers/celery/apply.py --url "$uri" --queue "$queue" --timeout 60 shop.ping '[]' >"$out/celery-ping.log" \
    && grep -q '"pong"' "$out/celery-ping.log" || { echo "figures.sh own-service: the Celery worker did not answer shop.ping; its log: $out/celery-worker.log" >&2; exit 1; }

  for n in ${opt[outstanding]}; do
    echo "## python oslo load_client.py, $n outstanding" >&2
    run_child "$py" scripts/peers/oslo/load_client.py --url "$uri" --topic "$topic" --namespace "$namespace" --version "$version" \
      --method resize_instance --kwargs "$oslo_kwargs" --threads "$n" --duration "$d" --warmup "$w" \
      --out "$out/oslo-python-$n.latencies" >"$out/oslo-python-$n.log"
    "$py" scripts/peers/latency_stats.py --json "$out/oslo-python-$n.latencies" >"$out/oslo-python-$n.json"
    own_service_bench oslo "$n" --topic "$topic" --namespace "$namespace" --version "$version" --method resize_instance --args "$oslo_kwargs"
  done
  for n in ${opt[outstanding]}; do
    echo "## python celery client.py, $n outstanding" >&2
    run_child "$py" scripts/peers/celery/client.py --url "$uri" --task shop.checkout --args "$celery_args" --queue "$queue" \
      --threads "$n" --duration "$d" --warmup "$w" --out "$out/celery-python-$n.latencies" >"$out/celery-python-$n.log"
    "$py" scripts/peers/latency_stats.py --json "$out/celery-python-$n.latencies" >"$out/celery-python-$n.json"
    own_service_bench celery "$n" --task shop.checkout --args "$celery_args" --queue "$queue"
  done
  cleanup
  {
    echo "Driving a Python oslo.messaging server (resize_instance, namespace $namespace, version $version) and a Celery worker"
    echo "(shop.checkout, solo pool, prefetch multiplier 64), ${d} s after ${w} s warm-up each; latencies are round trips."
    echo
  } >"$out/title.md"
}

own_service_bench() { # TARGET N BENCH-ARGS…
  local target=$1 n=$2 dir="$out/$1-bench-$2" rc=0
  shift 2
  ! ${opt[python-only]} || return 0
  echo "## bench --target $target, $n outstanding" >&2
  # Exit 1 is a run that measured but failed a check (errors, thresholds): its figures are still the run's.
  cd scenarios # dotnet itself is the child, so that the trap's SIGTERM reaches it
  run_child dotnet run -c Release --no-build -- run --target "$target" --amqp "$uri" "$@" --outstanding "$n" --duration "${opt[duration]}" \
    --warmup "${opt[warmup]}" --out "$dir" >"$dir.log" 2>&1 || rc=$?
  cd "$root"
  [ "$rc" -eq 0 ] || { echo "figures.sh own-service: bench --target $target exited $rc; last lines of $dir.log:" >&2; tail -3 "$dir.log" >&2; }
}

print_own_service() { table "$from"; }

fn=${name//-/_}
if [ -z "$from" ]; then
  [ -n "$out" ] || out=$(mktemp -d "/tmp/figures-$name.XXXXXX")
  mkdir -p "$out"
  out=$(cd "$out" && pwd)
  echo "# $name: runs in $out" >&2
  bash scripts/setup.sh
  dotnet build scenarios -c Release --nologo -v quiet >/dev/null
  "measure_$fn"
  from=$out
else
  from=$(cd "$from" && pwd)
  dotnet build scenarios -c Release --nologo -v quiet >/dev/null
fi
[ ! -f "$from/title.md" ] || cat "$from/title.md"
"print_$fn"

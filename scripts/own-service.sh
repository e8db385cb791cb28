#!/usr/bin/env bash
# The figures for "Benchmark your own service": Bench's --target oslo / --target celery against real Python services,
# beside those services' own Python clients, at 1 and 8 outstanding, in one run.
#   scripts/own-service.sh [--duration S] [--warmup S] [--outstanding "1 8"] [--python-only] [--out DIR]
# It starts a private broker (`bench broker`), the Python oslo.messaging server (scripts/peers/oslo/server.py, topic
# nova, namespace compute, version 5.1) and a Celery worker on scenarios/examples/celery_app/shop.py (queue shop), then
# for each target and concurrency runs the Python client and Bench back to back (so both see the same machine load),
# and prints requests/s, p50 and p99 (µs) for each, and one markdown table at the end. Every process it started is
# stopped on exit, Ctrl-C included. Numbers from a shared or loaded machine are noisy: compare rows taken in one run.
#
# The Celery worker runs the solo pool with --prefetch-multiplier 64: with 4 or less, Celery 5.2.6 / kombu 5.2.4 solo
# workers stall up to 2 s waiting for their heartbeat timer to flush acks (the StallNote in
# src/Bench.Harness/Runs/CeleryRun.cs), which would measure that stall, not the service, for both clients alike.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/figures.sh
root=$PWD

duration=10
warmup=2
outstanding="1 8"
python_only=false
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --outstanding) outstanding="$2"; shift 2 ;;
    --python-only) python_only=true; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "own-service.sh: unknown option $1 (use --duration S, --warmup S, --outstanding \"1 8\", --python-only, --out DIR)" >&2; exit 2 ;;
  esac
done
out=$(figures_out own-service "$out")
py=/usr/bin/python3  # Debian's interpreter: the python3 first on PATH may not import oslo.messaging or Celery

topic=nova namespace=compute version=5.1 queue=shop
oslo_kwargs='{"instance_uuid": "{{uuid}}", "flavor_id": {{rand:1-5}}}'
celery_args='[{{seq}}, ["a", "b"]]'

broker_pid="" oslo_pid="" celery_pid="" child_pid=""
cleanup() {
  trap - EXIT INT TERM
  # The current client first, then the services, then the broker they all talk to.
  for pid in $child_pid $celery_pid $oslo_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  exec 4>&- 2>/dev/null || true  # the oslo server also stops when its stdin closes
  for pid in $child_pid $celery_pid $oslo_pid; do wait "$pid" 2>/dev/null || true; done
  # `dotnet run` passes SIGTERM on to `bench broker`, which stops its node and deletes the node's directory.
  if [ -n "$broker_pid" ]; then kill -TERM "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A child in the background and waited for, so a signal reaches the trap at once instead of after the child.
run() { "$@" & child_pid=$!; local rc=0; wait "$child_pid" || rc=$?; child_pid=""; return "$rc"; }

wait_for_line() { # FILE PATTERN SECONDS WHAT
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "own-service.sh: $4 did not start within $3 s; its log: $1" >&2
  tail -5 "$1" >&2 || true
  exit 1
}

bash scripts/setup.sh
$python_only || dotnet build scenarios -c Release --nologo -v quiet
echo "# outputs in $out" >&2

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
run "$py" scripts/peers/celery/apply.py --url "$uri" --queue "$queue" --timeout 60 shop.ping '[]' >"$out/celery-ping.log" \
  && grep -q '"pong"' "$out/celery-ping.log" || { echo "own-service.sh: the Celery worker did not answer shop.ping; its log: $out/celery-worker.log" >&2; exit 1; }

rows=()
record() { # TARGET CLIENT N JSON-FIGURES
  local line
  line=$("$py" -c 'import json, sys; s = json.loads(sys.argv[4]); print("| %s | %s | %s | %s | %s | %s | %s / %s / %s |" % (sys.argv[1], sys.argv[2], sys.argv[3], s["requestsPerSecond"], s["p50Us"], s["p99Us"], s["ok"], s["failed"], s["timeout"]))' "$@")
  rows+=("$line")
  echo "$line"
}

# Bench's results.json (camelCase): the figures of its one scenario, in latency_stats.py's shape.
bench_figures() {
  "$py" -c 'import json, sys
s = json.load(open(sys.argv[1]))["scenarios"][0]
c, l = s["counts"], s["latency"]["raw"]
print(json.dumps({"requestsPerSecond": round(s["throughput"], 1), "p50Us": round(l["p50Us"], 1), "p99Us": round(l["p99Us"], 1),
                  "ok": c["ok"], "failed": c["failed"], "timeout": c["timedOut"]}))' "$1"
}

bench_side() { # TARGET N DIR BENCH-ARGS...
  local target=$1 n=$2 dir=$3
  shift 3
  if $python_only; then return; fi
  echo "## bench --target $target, $n outstanding" >&2
  local rc=0
  cd scenarios
  run dotnet run -c Release --no-build -- run --target "$target" --amqp "$uri" "$@" \
    --outstanding "$n" --duration "$duration" --warmup "$warmup" --out "$dir" >"$dir.log" 2>&1 || rc=$?
  cd "$root"
  # Exit 1 is a run that measured but failed a check (errors, thresholds): its figures are still the run's.
  if [ -f "$dir/results.json" ]; then
    record "$target" bench "$n" "$(bench_figures "$dir/results.json")"
  fi
  if [ "$rc" -ne 0 ]; then
    echo "own-service.sh: bench --target $target exited $rc; last lines of $dir.log:" >&2
    tail -3 "$dir.log" >&2
    [ -f "$dir/results.json" ] || rows+=("| $target | bench | $n | exit $rc: see $dir.log | | | |")
  fi
}

for n in $outstanding; do
  echo "## python oslo load_client.py, $n outstanding" >&2
  run "$py" scripts/peers/oslo/load_client.py --url "$uri" --topic "$topic" --namespace "$namespace" --version "$version" \
    --method resize_instance --kwargs "$oslo_kwargs" --threads "$n" --duration "$duration" --warmup "$warmup" \
    --out "$out/oslo-python-$n.latencies" >"$out/oslo-python-$n.log"
  record oslo python "$n" "$("$py" scripts/peers/latency_stats.py --json "$out/oslo-python-$n.latencies")"
  bench_side oslo "$n" "$out/oslo-bench-$n" --topic "$topic" --namespace "$namespace" --version "$version" \
    --method resize_instance --args "$oslo_kwargs"
done

for n in $outstanding; do
  echo "## python celery client.py, $n outstanding" >&2
  run "$py" scripts/peers/celery/client.py --url "$uri" --task shop.checkout --args "$celery_args" --queue "$queue" \
    --threads "$n" --duration "$duration" --warmup "$warmup" --out "$out/celery-python-$n.latencies" >"$out/celery-python-$n.log"
  record celery python "$n" "$("$py" scripts/peers/latency_stats.py --json "$out/celery-python-$n.latencies")"
  bench_side celery "$n" "$out/celery-bench-$n" --task shop.checkout --args "$celery_args" --queue "$queue"
done

echo
echo "Driving a Python oslo.messaging server (resize_instance, namespace $namespace, version $version) and a Celery worker"
echo "(shop.checkout, solo pool, prefetch multiplier 64), ${duration} s after ${warmup} s warm-up each; latencies are round trips."
echo
echo "| target | client | outstanding | requests/s | p50 µs | p99 µs | ok / failed / timeout |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

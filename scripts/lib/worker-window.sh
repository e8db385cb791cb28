# Shared by worker-counters.sh and worker-profile.sh (source it): one `bench run --scenario SCENARIO` of 14 s after a
# 2 s warm-up, its own worker process found, and the run's rate read back, so each script keeps only what it asks perf.

# worker_window_start NAME SCENARIO [bench run flags…]: checks its arguments, perf and the built CLI (one line and exit 2
# if any is wrong), starts the run in the background (its output in $out/run.log) and returns once its worker is 4 s
# past its start, inside the measured window. Sets $scenario, $out, $run and $worker; the run is stopped if the caller
# exits early or is interrupted.
worker_window_start() {
  local name=$1 bench="$here/scenarios/bin/Release/net10.0/bench" arg i
  [ $# -ge 2 ] || { echo "usage: $name SCENARIO [bench run flags]" >&2; exit 2; }
  scenario=$2
  shift 2
  # The figures divide 5 s of one worker by the run's calls/s: one variant, one worker, a window the script sets.
  for arg in "$scenario" "$@"; do
    case "$arg" in
      --duration | --warmup | --requests | --repeat | --workers | --in-process | --suite | --file | --target | --agents | --out)
        echo "$name: $arg is not for this script: it measures one worker for 5 s inside a 14 s run it sets up itself" >&2; exit 2 ;;
      *,*) echo "$name: one variant at a time ('$arg' is a list)" >&2; exit 2 ;;
    esac
  done
  [ "$scenario" != harness.null ] || { echo "$name: harness.null has no worker to measure" >&2; exit 2; }
  if [[ $scenario == celery.* && " $* " != *" --celery-worker bench "* && " $* " != *" --celery-worker raw "* ]]; then
    echo "$name: $scenario is served by the Python Celery worker unless --celery-worker bench or raw is given" >&2; exit 2
  fi
  command -v perf >/dev/null || { echo "$name: needs perf (apt-get install linux-perf)" >&2; exit 2; }
  [ -x "$bench" ] || { echo "$name: build the CLI first (dotnet build scenarios -c Release)" >&2; exit 2; }
  # oslo and raw scenarios on oslo's topic exchange, as rpc-vs-raw measures them, unless --route is given; a Celery
  # queue has no route to choose.
  local route=(--route exchange)
  [[ $scenario != celery.* && " $* " != *" --route "* ]] || route=()
  out=$(mktemp -d "/tmp/${name%.sh}.XXXXXX")
  "$bench" run --scenario "$scenario" --duration 14 --warmup 2 "${route[@]}" --out "$out/run" "$@" >"$out/run.log" 2>&1 &
  run=$!
  trap 'kill "$run" 2>/dev/null || true' EXIT
  window_name=$name # the traps run after this function has returned
  trap 'echo "$window_name: interrupted; stopping the run (it writes its results, marked incomplete)" >&2; kill -INT "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; trap - EXIT; exit 130' INT TERM
  # The private broker's start takes from a few seconds to a minute on a busy machine: wait for this run's worker.
  worker=""
  for i in $(seq 120); do
    worker=$(worker_window_descendants "$run" | xargs -r ps -o pid=,args= -p 2>/dev/null | grep -E "bench(\.dll)? worker (--celery )?--topic" | awk 'NR == 1 { print $1 }' || true)
    [ -n "$worker" ] || ! kill -0 "$run" 2>/dev/null || { sleep 0.5; continue; }
    break
  done
  if [ -z "$worker" ] && ! kill -0 "$run" 2>/dev/null; then
    local rc=0
    wait "$run" || rc=$?
    trap - EXIT
    echo "$name: bench run exited ($rc) before a worker started: $(head -1 "$out/run.log")" >&2
    rm -rf "$out"
    exit $((rc == 0 ? 1 : rc)) # a bad flag or scenario stays exit 2
  fi
  [ -n "$worker" ] || { echo "$name: no worker process found (is $scenario served by bench worker? see $out/run.log)" >&2; exit 1; }
  sleep 4 # past the warm-up and the first seconds of the window
}

# worker_window_descendants PID: every process below PID, children first.
worker_window_descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    worker_window_descendants "$child"
  done
}

# worker_window_rate NAME: waits for the run and sets $rate to its calls/s (the last rate it printed). Not in a $(…):
# only the shell that started the run can wait for it.
worker_window_rate() {
  wait "$run" || true
  trap - EXIT INT TERM
  rate=$(grep -o ': [0-9,]*/s p50' "$out/run.log" | tail -1 | sed 's|^: \([0-9,]*\)/s.*|\1|' | tr -d ,)
  [ -n "$rate" ] || { echo "$1: the run printed no rate: $out/run.log" >&2; exit 1; }
}

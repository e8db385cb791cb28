# Shared by worker-counters.sh and worker-profile.sh (source it): one `bench run --scenario SCENARIO` of 14 s after a
# 2 s warm-up, its worker process found, and the run's rate read back, so each script keeps only what it asks perf.

# worker_window_start NAME SCENARIO [bench run flags…]: checks its arguments, perf and the built CLI (one line and exit 2
# if any is missing), starts the run in the background (its output in $out/run.log) and returns once its worker is 4 s past its
# start, inside the measured window. Sets $scenario, $out, $run and $worker; the run is killed if the caller exits early.
worker_window_start() {
  local name=$1 bench="$here/scenarios/bin/Release/net10.0/bench" i
  [ $# -ge 2 ] || { echo "usage: $name SCENARIO [bench run flags]" >&2; exit 2; }
  scenario=$2
  shift 2
  command -v perf >/dev/null || { echo "$name: needs perf (apt-get install linux-perf)" >&2; exit 2; }
  [ -x "$bench" ] || { echo "$name: build the CLI first (dotnet build scenarios -c Release)" >&2; exit 2; }
  # oslo and raw scenarios on oslo's topic exchange, as rpc-vs-raw measures them; a Celery queue has no route to choose.
  local route=(--route exchange)
  [[ $scenario != celery.* ]] || route=()
  out=$(mktemp -d "/tmp/${name%.sh}.XXXXXX")
  "$bench" run --scenario "$scenario" --duration 14 --warmup 2 "${route[@]}" --out "$out/run" "$@" >"$out/run.log" 2>&1 &
  run=$!
  trap 'kill "$run" 2>/dev/null || true' EXIT
  # The private broker's start takes from a few seconds to a minute on a busy machine: wait for the worker itself.
  worker=""
  for i in $(seq 120); do
    worker=$(pgrep -f "bench(\.dll)? worker (--celery )?--topic" | head -1 || true)
    [ -n "$worker" ] || ! kill -0 "$run" 2>/dev/null || { sleep 0.5; continue; }
    break
  done
  if [ -z "$worker" ] && ! kill -0 "$run" 2>/dev/null; then
    local rc=0
    wait "$run" || rc=$?
    trap - EXIT
    echo "$name: bench run exited ($rc) before a worker started: $(head -1 "$out/run.log")" >&2
    exit $((rc == 0 ? 1 : rc)) # a bad flag or scenario stays exit 2
  fi
  [ -n "$worker" ] || { echo "$name: no worker process found (is $scenario served by bench worker? see $out/run.log)" >&2; exit 1; }
  sleep 4 # past the warm-up and the first seconds of the window
}

# worker_window_rate NAME: waits for the run and sets $rate to its calls/s (the last rate it printed). Not in a $(…):
# only the shell that started the run can wait for it.
worker_window_rate() {
  wait "$run" || true
  trap - EXIT
  rate=$(grep -o ': [0-9,]*/s p50' "$out/run.log" | tail -1 | sed 's|^: \([0-9,]*\)/s.*|\1|' | tr -d ,)
  [ -n "$rate" ] || { echo "$1: the run printed no rate: $out/run.log" >&2; exit 1; }
}

#!/usr/bin/env bash
# Where one worker's CPU goes per request: `perf record` (cpu-clock at 1999 Hz, call graphs) of the worker process over
# 5 s inside the measured window of a 14 s `bench run --scenario SCENARIO`, printed as µs per request by library and
# for the top symbols. Managed frames resolve: the run has perf maps on and ReadyToRun off. Compare two scenarios run
# back to back, a few times (these VMs move a run's CPU by up to 2x). Needs perf (Debian: apt-get install linux-perf).
# Run it under the exclusive CPU lock on a shared machine:
#   flock /tmp/bench-heavy.lock scripts/worker-profile.sh raw.call --outstanding 64
#   flock /tmp/bench-heavy.lock scripts/worker-profile.sh call.add --outstanding 64
# The recording stays in the folder it prints (perf report -i DIR/perf.data for the call trees).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/worker-window.sh
. "$here/scripts/lib/worker-window.sh"
export DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0
hz=1999
worker_window_start worker-profile.sh "$@"
perf record -q -e cpu-clock -F "$hz" -g -p "$worker" -o "$out/perf.data" -- sleep 5
worker_window_rate worker-profile.sh
# µs per request = samples × (1e6 / hz) / (rate × 5 s)
per_request() {
  perf report -i "$out/perf.data" --no-children -g none --stdio -n --sort "$1" 2>/dev/null |
    awk -v hz="$hz" -v rate="$rate" -v top="$2" '
      BEGIN { scale = 1e6 / hz / (rate * 5) }
      /^#/ || NF < 3 { next }
      { n = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); gsub(/\[JIT\] tid [0-9]+/, "[JIT]"); total += n * scale
        if (++rows <= top) printf "  %7.2f  %s\n", n * scale, substr($0, 1, 150) }
      END { printf "  %7.2f  all\n", total }'
}
echo "$scenario $rate calls/s, worker CPU µs per request by library:"
per_request dso 8
echo "top symbols:"
per_request sym 25
echo "recording: $out/perf.data"

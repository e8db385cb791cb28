#!/usr/bin/env bash
# The kernel's view of one worker per request: `perf stat` on the worker process (CPU, context switches, migrations,
# page faults, and the send, receive, futex, epoll and yield system calls) over the middle 5 s of a 14 s
# `bench run --scenario SCENARIO`, divided by the run's calls/s. Each pair of scenarios to compare is best run back
# to back, a few times: on these VMs the same run's CPU moves by up to 2x. Needs perf (Debian: apt-get install linux-perf).
# Run it under the exclusive CPU lock on a shared machine:
#   flock /tmp/bench-heavy.lock scripts/worker-counters.sh raw.call --outstanding 1
#   flock /tmp/bench-heavy.lock scripts/worker-counters.sh call.add --outstanding 1
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: worker-counters.sh SCENARIO [bench run flags]" >&2; exit 2; }
scenario=$1
shift
command -v perf >/dev/null || { echo "worker-counters.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
bench="$here/scenarios/bin/Release/net10.0/bench"
[ -x "$bench" ] || { echo "worker-counters.sh: build the CLI first (dotnet build scenarios -c Release)" >&2; exit 2; }
out=$(mktemp -d /tmp/worker-counters.XXXXXX)

"$bench" run --scenario "$scenario" --duration 14 --warmup 2 --route exchange --out "$out/run" "$@" >"$out/run.log" 2>&1 &
run=$!
trap 'kill "$run" 2>/dev/null || true' EXIT
sleep 8 # past the broker's start, the warm-up and the first seconds of the window
worker=$(pgrep -f "bench(\.dll)? worker --topic" | head -1 || true)
[ -n "$worker" ] || { echo "worker-counters.sh: no worker process found (is $scenario served by bench worker?)" >&2; exit 1; }
events=task-clock,context-switches,cpu-migrations,page-faults
for call in sendto recvfrom futex epoll_wait sched_yield; do events="$events,syscalls:sys_enter_$call"; done
perf stat -x, -e "$events" -p "$worker" -o "$out/worker.stat" -- sleep 5
wait "$run"
trap - EXIT
rate=$(grep -o ': [0-9,]*/s p50' "$out/run.log" | tail -1 | sed 's|^: \([0-9,]*\)/s.*|\1|' | tr -d ,)
[ -n "$rate" ] || { echo "worker-counters.sh: the run printed no rate: $out/run.log" >&2; exit 1; }
awk -F, -v rate="$rate" -v scenario="$scenario" '
  $1 ~ /^[0-9.]+$/ { name = $3; sub("syscalls:sys_enter_", "", name); value[name] = $1; order[++n] = name }
  END {
    requests = rate * 5
    printf "%s %d calls/s, per request: worker CPU %.1f µs", scenario, rate, value["task-clock"] * 1000 / requests
    for (i = 1; i <= n; i++) if (order[i] != "task-clock") printf ", %s %.2f", order[i], value[order[i]] / requests
    printf "\n"
  }' "$out/worker.stat"

#!/usr/bin/env bash
# The kernel's view of one worker per request: `perf stat` on the worker process (CPU, context switches, migrations,
# page faults, and the send, receive, futex, epoll and yield system calls) over 5 s inside the measured window of a 14 s
# `bench run --scenario SCENARIO`, divided by the run's calls/s. Each pair of scenarios to compare is best run back
# to back, a few times: on these VMs the same run's CPU moves by up to 2x. Needs perf (Debian: apt-get install linux-perf).
# Run it under the exclusive CPU lock on a shared machine:
#   flock /tmp/bench-heavy.lock scripts/worker-counters.sh raw.call --outstanding 1
#   flock /tmp/bench-heavy.lock scripts/worker-counters.sh call.add --outstanding 1
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/worker-window.sh
. "$here/scripts/lib/worker-window.sh"
worker_window_start worker-counters.sh "$@"
events=task-clock,context-switches,cpu-migrations,page-faults
for call in sendto recvfrom futex epoll_wait sched_yield; do events="$events,syscalls:sys_enter_$call"; done
perf stat -x, -e "$events" -p "$worker" -o "$out/worker.stat" -- sleep 5
worker_window_rate worker-counters.sh
awk -F, -v rate="$rate" -v scenario="$scenario" '
  $1 ~ /^[0-9.]+$/ { name = $3; sub("syscalls:sys_enter_", "", name); value[name] = $1; order[++n] = name }
  END {
    requests = rate * 5
    printf "%s %d calls/s, per request: worker CPU %.1f µs", scenario, rate, value["task-clock"] * 1000 / requests
    for (i = 1; i <= n; i++) if (order[i] != "task-clock") printf ", %s %.2f", order[i], value[order[i]] / requests
    printf "\n"
  }' "$out/worker.stat"
echo "run and counters: $out"

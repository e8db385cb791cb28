#!/usr/bin/env bash
# The figures issue 13 asks for, per fault kind: time to recover, requests failed and timed out in the fault's window,
# and for casts what was lost or duplicated (counted at the workers by unique id). Each fault gets its own `bench run`
# on a fresh private node (broker faults need a node Bench controls), then one markdown table is printed from the
# results.json files. Numbers from a shared or loaded machine are noisy.
#   scripts/fault-figures.sh [--duration S] [--only NAME[,NAME…]] [--out DIR]
# The node faults run 20 s longer: stopping and starting a node with rabbitmqctl took 5–15 s here, and recovery can only
# be seen if the run outlasts it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/figures.sh

duration=25
out=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    *) echo "fault-figures.sh: unknown option $1 (use --duration S, --only NAME[,NAME…], --out DIR)" >&2; exit 2 ;;
  esac
done
out=$(figures_out fault-figures "$out")
figures_build

bench() { (cd scenarios && dotnet run -c Release --no-build -- "$@"); }
calls=(run --scenario call.add --outstanding 16 --timeout 5 --duration "$duration" --warmup 1 --max-error-rate 100% --max-recovery 60)
node=(run --scenario call.add --outstanding 16 --timeout 5 --duration "$((duration + 20))" --warmup 1 --max-error-rate 100% --max-recovery 60)
casts=(run --scenario cast.count --rate 1000 --duration 20 --warmup 1 --durable true --persistent true --max-error-rate 100% --max-recovery 60)
# A failed check (exit 1) still wrote its figures; anything else is a failure of this script.
go() { local dir=$1; shift; [ -z "$only" ] || [[ "$only" == *",$dir,"* ]] || return 0; local rc=0; bench "$@" --out "$out/$dir" >"$out/$dir.log" 2>&1 || rc=$?; [ "$rc" -le 1 ] || { tail -5 "$out/$dir.log" >&2; exit "$rc"; }; }

go broker-restart "${node[@]}" --fault broker-restart@10s+6s
go broker-kill "${node[@]}" --fault broker-kill@10s+5s
# oslo's default queues are not durable: a restarted node comes back without the worker's queue (clients wait for it to
# be consumed again before they send); a durable queue outlives the restart. Both are measured.
go broker-restart-durable "${node[@]}" --durable true --fault broker-restart@10s+6s
go broker-kill-durable "${node[@]}" --durable true --fault broker-kill@10s+5s
go connection-close "${calls[@]}" --fault connection-close@10s
go memory-alarm "${calls[@]}" --fault memory-alarm@10s+5s
go worker-kill "${calls[@]}" --fault worker-kill@10s
go worker-pause "${calls[@]}" --fault worker-pause@10s+3s
go casts-ack-after "${casts[@]}" --ack after --fault worker-kill@8s
go casts-ack-receipt "${casts[@]}" --ack receipt --fault worker-kill@8s

/usr/bin/python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
print("| run | fault | at s | recovered after s | ok/s before | failed in window | timed out in window | issued / ok / failed / timed out | casts sent / received unique / redelivered / duplicates / lost | worker events |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name in ["broker-restart", "broker-kill", "broker-restart-durable", "broker-kill-durable", "connection-close", "memory-alarm", "worker-kill", "worker-pause", "casts-ack-after", "casts-ack-receipt"]:
    if not os.path.exists(os.path.join(out, name, "results.json")):
        continue
    s = json.load(open(os.path.join(out, name, "results.json")))["scenarios"][0]
    c = s["counts"]
    for f in s["faults"] or [{}]:
        rec = f.get("recoverySeconds")
        ledger = s.get("castLedger")
        led = "" if not ledger else "%d / %d / %d / %d / %d" % (ledger["sent"], ledger["receivedUnique"], ledger["redelivered"], ledger["duplicates"], ledger.get("lost", ledger["sent"] - ledger["receivedUnique"]))
        events = ", ".join("%s %s" % (e["worker"], e["event"]) for e in s.get("workerEvents") or [])
        print("| %s | %s | %.2f | %s | %.0f | %d | %d | %d / %d / %d / %d | %s | %s |" % (
            name, f.get("spec", "-"), f.get("atSeconds", 0), "never" if rec is None else "%.2f" % rec, f.get("okPerSecondBefore", 0),
            f.get("failedInWindow", 0), f.get("timedOutInWindow", 0), c["issued"], c["ok"], c["failed"], c["timedOut"], led, events))
print("\nresults: " + out)
PY

#!/usr/bin/env bash
# The figures issue 9 asks for, from one `bench run --suite cluster` (a private 1-node broker, then a private 3-node
# cluster): call.add on a classic queue on 1 node against a quorum queue on 3 (throughput, p50, p99), and after a
# leader kill and a follower kill of the quorum queue, the client-observed downtime, calls failed and timed out, and
# casts lost and duplicated (counted at the workers by unique id); with each process's CPU seconds, because three
# nodes, a worker and the client share the machine's cores. Numbers from a shared or loaded machine are noisy.
#   scripts/cluster-figures.sh [--out DIR]      (or --from DIR: print the tables of an earlier run's results.json)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/figures.sh
figures_out_or_from cluster-figures.sh "$@"

if [ -z "$from" ]; then
  from=$(figures_out cluster-figures "$out")
  figures_build
  # A failed check (exit 1) still wrote its figures; anything else is a failure of this script.
  rc=0
  (cd scenarios && dotnet run -c Release --no-build -- run --suite cluster --out "$from") >"$from/run.log" 2>&1 || rc=$?
  [ "$rc" -le 1 ] || { tail -5 "$from/run.log" >&2; exit "$rc"; }
fi

/usr/bin/python3 - "$from" <<'PY'
import json, sys
run = json.load(open(sys.argv[1] + "/results.json"))
print("suite cluster: %s → %s%s" % (run["startedAt"][:19], (run.get("finishedAt") or "?")[:19], " (incomplete)" if run.get("incomplete") else ""))
print()
print("| scenario | nodes | queue | fault | ok/s | p50 µs | p99 µs | issued / ok / failed / timed out | CPU s: client, worker, broker nodes |")
print("|---|---|---|---|---:|---:|---:|---|---|")
for s in run["scenarios"]:
    # Calls: round trip; casts: send-to-arrival at the worker, as summary.md shows them.
    st, c, lat = s["settings"], s["counts"], s.get("oneWay") or s["latency"]["corrected"]
    cpu = ", ".join("%s %.2f" % (x["process"], x["cpuSeconds"]) for x in s["cost"])
    print("| %s | %s | %s | %s | %.0f | %.0f | %.0f | %d / %d / %d / %d | %s |" % (s["id"], st.get("nodes", "1"), st.get("queueType", "?"), st.get("fault", "–"),
        s["throughput"], lat["p50Us"], lat["p99Us"], c["issued"], c["ok"], c["failed"], c["timedOut"], cpu))
print()
print("| scenario | fault | node hit | downtime s | recovered after s | ok/s before | failed / timed out in window | casts sent / received unique / redelivered / duplicates / lost |")
print("|---|---|---|---:|---:|---:|---|---|")
for s in run["scenarios"]:
    for f in s["faults"]:
        l = s.get("castLedger")
        led = "–" if not l else "%d / %d / %d / %d / %d" % (l["sent"], l["receivedUnique"], l["redelivered"], l["duplicates"], l["sent"] - l["receivedUnique"])
        rec = f.get("recoverySeconds")
        print("| %s | %s | %s | %s | %s | %.0f | %d / %d | %s |" % (s["id"], f["spec"], (f.get("node") or "?").split(";")[0], f.get("downtimeSeconds", "?"),
            "not recovered" if rec is None else "%.1f" % rec, f["okPerSecondBefore"], f["failedInWindow"], f["timedOutInWindow"], led))
PY

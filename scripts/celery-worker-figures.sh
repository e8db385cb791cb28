#!/usr/bin/env bash
# The figures issue 11 part 3 asks for: one `bench run --suite celery` (every worker driven by Bench's client in the
# same run), then the C# worker's calls/s against the best real Celery worker's (solo or prefork, calls driven by
# Bench's client), their ratio, and CPU µs per request of client, worker and broker. Run it on a quiet machine: other
# builds or tests beside it pollute the figures.
#   scripts/celery-worker-figures.sh [--out DIR]      (or --from DIR: only print the table of an earlier run)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/figures.sh
figures_out_or_from celery-worker-figures.sh "$@"

if [ -z "$from" ]; then
  out=$(figures_out celery-worker-figures "$out")
  figures_build
  (cd scenarios && dotnet run -c Release --no-build -- run --suite celery --out "$out") >"$out/run.log" 2>&1 || { tail -5 "$out/run.log" >&2; exit 1; }
  from="$out"
fi

/usr/bin/python3 - "$from/results.json" <<'PY'
import json, sys
scenarios = json.load(open(sys.argv[1]))["scenarios"]
def label(s):
    t = s["settings"]
    return "%s worker=%s pool=%s prefetch=%s outstanding=%s" % (s["id"], t.get("worker", "python"), t.get("pool", "solo"), t.get("prefetchMultiplier", 4), t.get("outstanding", 1))
def rate(s):
    return s["throughput"]["okPerSecond"] if isinstance(s["throughput"], dict) else s["throughput"]
def cpu(s):
    return ", ".join("%s %.0f" % (c["process"], c["cpuUsPerRequest"]) for c in s["cost"])
calls = [s for s in scenarios if s["id"] == "celery.add" and s["settings"].get("client", "bench") == "bench"]
bench = max((s for s in calls if s["settings"].get("worker") == "bench"), key=rate)
celery = max((s for s in calls if s["settings"].get("worker", "python") == "python"), key=rate)
print("| worker (Bench's client) | calls/s | CPU µs per request |")
print("|---|---|---|")
for s in (bench, celery):
    print("| %s | %.0f | %s |" % (label(s), rate(s), cpu(s)))
print("\nratio C# worker / best Celery worker: %.1fx" % (rate(bench) / rate(celery)))
print("results: " + sys.argv[1])
PY

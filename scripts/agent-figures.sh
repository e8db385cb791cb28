#!/usr/bin/env bash
# The figures issue 10 asks for: 1, 2 and 3 local agents (`bench run --agents N --local`) on the same total load,
# merged ok/s, p50 and p99 (from the added histograms), and start skew (latest agent start minus earliest, on the
# coordinator's clock). Every agent, the broker and the worker share this host, so the figures are CPU-bound: they show
# what the barrier and the merge cost and how evenly agents start, not what more machines would add.
#   scripts/agent-figures.sh [--outstanding N] [--duration S] [--out DIR]
# Take them under the exclusive lock: flock -x /tmp/bench-heavy.lock scripts/agent-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/figures.sh

outstanding=12 # divisible by 1, 2 and 3: every agent count runs the same total load
duration=10
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outstanding) outstanding="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "agent-figures.sh: unknown option $1 (use --outstanding N, --duration S, --out DIR)" >&2; exit 2 ;;
  esac
done
out=$(figures_out agent-figures "$out")

dotnet build scenarios -c Release --nologo -v quiet >/dev/null
for n in 1 2 3; do
  dotnet scenarios/bin/Release/net10.0/bench.dll run --agents "$n" --local --method echo --outstanding "$outstanding" \
    --duration "$duration" --warmup 2 --out "$out/agents-$n" >"$out/agents-$n.log" 2>&1 || { tail -5 "$out/agents-$n.log" >&2; exit 1; }
done

/usr/bin/python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
print("| agents | merged ok/s | p50 µs | p99 µs | issued | per-agent ok/s | start skew ms |")
print("|---:|---:|---:|---:|---:|---|---:|")
for n in (1, 2, 3):
    r = json.load(open(os.path.join(out, f"agents-{n}", "results.json")))
    s = r["scenarios"][0]
    l = s["latency"]["corrected"]
    agents = r["agents"]
    skews = [a["startSkewMs"] for a in agents if not a.get("missing")]
    per = " / ".join(f"{a['throughput']:,.0f}" for a in agents)
    print(f"| {n} | {s['throughput']:,.0f} | {l['p50Us']:,.0f} | {l['p99Us']:,.0f} | {s['counts']['issued']:,} | {per} | {max(skews) - min(skews):.2f} |")
print(f"\nruns in {out}")
PY

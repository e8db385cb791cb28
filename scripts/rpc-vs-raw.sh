#!/usr/bin/env bash
# Issue 11's figures: Bench's RPC layer against plain RabbitMQ.Client in one interleaved run each — call.add beside
# raw.call at 1 and 64 outstanding, cast.count beside raw.cast (a drained flood), same route (oslo's topic exchange)
# and payload — then the Bench/raw throughput and client + worker CPU ratios (from summary.md) and call.add's hop
# breakdown (from results.json) as markdown. Run it under the exclusive CPU lock on a shared machine:
#   flock -x -w 1200 /tmp/bench-heavy.lock scripts/rpc-vs-raw.sh [--tree DIR] [--repeat N] [--duration S] [--out DIR] [-- EXTRA BENCH FLAGS]
# --tree measures another checkout (a "before" worktree) with this script; it must already be built (Release).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib/figures.sh"
tree=$here
repeat=5
duration=5
casts=100000
out=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$(cd "$2" && pwd); shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --casts) casts="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "rpc-vs-raw.sh: unknown option $1 (use --tree DIR, --repeat N, --duration S, --casts N, --out DIR, -- FLAGS)" >&2; exit 2 ;;
  esac
done
out=$(figures_out rpc-vs-raw "$out")

bench() { (cd "$tree/scenarios" && dotnet run -c Release --no-build -- "$@"); }
# A breached check (exit 1) still wrote its figures; anything else is a failure of this script.
go() { local dir=$1; shift; local rc=0; bench run "$@" --repeat "$repeat" --route exchange --out "$out/$dir" "${extra[@]}" >"$out/$dir.log" 2>&1 || rc=$?; [ "$rc" -le 1 ] || { tail -5 "$out/$dir.log" >&2; exit "$rc"; }; }

# Where hop stamps exist, call.add runs with and without them: the breakdown, and what the stamps themselves cost.
hops=()
grep -qs 'SettingOption.Of("hops"' "$tree/scenarios/Options/OptionTable.cs" "$tree/src/Bench.Harness/Options/OptionTable.cs" && hops=(--hops on,off)
go calls --scenario raw.call,call.add --outstanding 1,64 --duration "$duration" --warmup 1 "${hops[@]}"
go casts --scenario raw.cast,cast.count --outstanding 64 --requests "$casts" --warmup 1

echo "# Bench against raw RabbitMQ.Client ($(cd "$tree" && git rev-parse --short HEAD), --repeat $repeat, $(date -u +%FT%TZ))"
for dir in calls casts; do
  summary=$(find "$out/$dir" -name summary.md | head -1)
  sed -n '/^## The RPC layer/,/^$/p;/^## The RPC layer/,/^## [^T]/{/^|/p}' "$summary" | awk '!seen[$0]++'
done
results=$(find "$out/calls" -name results.json | head -1)
/usr/bin/python3 - "$results" <<'PY'
import json, sys, statistics
run = json.load(open(sys.argv[1]))
rows = {}
for s in run["scenarios"]:
    if s["id"] != "call.add" or not s.get("hops"):
        continue
    key = s["settings"].get("outstanding", "?")
    rows.setdefault(key, []).append(s)
if rows:
    print("\n## call.add hop means, µs (median over repetitions)\n")
    names = [h["name"] for h in next(iter(rows.values()))[0]["hops"]]
    print("| outstanding | " + " | ".join(names) + " | sum | round trip mean |")
    print("|---" * (len(names) + 3) + "|")
    for key, reps in sorted(rows.items(), key=lambda kv: int(kv[0])):
        means = [statistics.median(h["meanUs"] for r in reps for h in r["hops"] if h["name"] == n) for n in names]
        rt = statistics.median(r["latency"]["raw"]["meanUs"] for r in reps)
        print(f"| {key} | " + " | ".join(f"{m:.1f}" for m in means) + f" | {sum(means):.1f} | {rt:.1f} |")
PY
echo
echo "results: $out"

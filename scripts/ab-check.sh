#!/usr/bin/env bash
# Does `bench ab` tell a regression from noise? Checks HEAD out twice more as detached worktrees: "planted", where the
# worker's add sleeps 1 ms more (a commit made here and never pushed), and "same", identical to HEAD. Then runs
# `bench ab HEAD planted` and `bench ab HEAD same` --times times each (3 repetitions a side per ab, alternating
# A B A B), and prints each ab's verdict line and exit code. Wanted: exit 1 for every planted run, exit 0 for every
# identical one. Run it under the exclusive CPU lock on a shared machine:
#   flock /tmp/bench-heavy.lock scripts/ab-check.sh [--times 3] [--out DIR] [bench run flags, default: --scenario call.add --duration 10 --warmup 2]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib/figures.sh"
times=3
out=""
flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --times) times="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) flags+=("$1"); shift ;;
  esac
done
[ ${#flags[@]} -gt 0 ] || flags=(--scenario call.add --duration 10 --warmup 2)
out=$(figures_out ab-check "$out")
cd "$here"
figures_build >"$out/build.log" 2>&1 || { echo "ab-check.sh: the build failed (see $out/build.log)" >&2; exit 1; }
bench="$here/scenarios/bin/Release/net10.0/bench"

work=$(mktemp -d /tmp/ab-check.XXXXXX)
cleanup() {
  for side in base planted same; do git -C "$here" worktree remove --force "$work/$side" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for side in base planted same; do git -C "$here" worktree add --quiet --detach "$work/$side" HEAD; done
manager=src/Bench.Harness/Workers/BenchManager.cs
grep -q 'public long Add(long x, long y) => x + y;' "$work/planted/$manager" || { echo "ab-check.sh: $manager has no one-line Add to plant the regression in" >&2; exit 2; }
sed -i 's/public long Add(long x, long y) => x + y;/public long Add(long x, long y) { Thread.Sleep(1); return x + y; }/' "$work/planted/$manager"
git -C "$work/planted" -c user.name=ab-check -c user.email=ab-check@localhost commit --quiet -am "Planted regression: add sleeps 1 ms"

printf '| pair | try | summary | first row: verdict, ok/s base → head, p50 µs base → head | exit |\n| --- | --- | --- | --- | --- |\n'
for pair in planted same; do
  for try in $(seq "$times"); do
    dir="$out/$pair-$try"
    code=0
    "$bench" ab "$work/base" "$work/$pair" --out "$dir" "${flags[@]}" >"$dir.log" 2>&1 || code=$?
    summary=$(grep -m1 '^\*\*' "$dir/compare.md" 2>/dev/null | tr -d '*' || true)
    row=$(awk -F' [|] ' '/^[|]---/ {getline; print $1 " " $2 ", " $3 ", " $4; exit}' "$dir/compare.md" 2>/dev/null | sed 's/^| //' || true)
    printf '| HEAD vs %s | %s | %s | %s | %s |\n' "$pair" "$try" "${summary:-(none: see $dir.log)}" "$row" "$code"
  done
done
echo "ab-check.sh: runs and logs in $out"

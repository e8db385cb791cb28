#!/usr/bin/env bash
# Tests scripts/nightly.sh against a local bare repository standing in for GitHub: a clone of this checkout pushes
# main to it, runs the nightly (quick suite, short durations) on one revision, commits a second revision to main and
# runs it again. Passes when the bench-history branch on the "remote" holds both nights (history and reports), its
# trend page names both revisions, and main carries no nightly commit. Needs a built CLI (dotnet build Bench.sln) and
# scripts/setup.sh's npm packages.   scripts/nightly-history-check.sh [--keep DIR]  (--keep: leave the clone there)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
keep=""
if [ "${1:-}" = "--keep" ]; then keep="$2"; fi
cli="$repo/scenarios/bin/Release/net10.0/bench.dll"
[ -f "$cli" ] || { echo "nightly-history-check: build first (no $cli)" >&2; exit 2; }
tmp=$(mktemp -d)
trap '[ -n "$keep" ] || rm -rf "$tmp"' EXIT
git init --quiet --bare "$tmp/remote.git"
git clone --quiet "$repo" "$tmp/work"
cd "$tmp/work"
git remote set-url origin "$tmp/remote.git"
git push --quiet origin HEAD:refs/heads/main
export BENCH_CLI="dotnet $cli"
export BENCH_PLOTLY_JS="$repo/node_modules/plotly.js-dist-min/plotly.min.js"
night() { bash scripts/nightly.sh --suite quick --repeat 3 --run-args "--duration 2 --warmup 1" || [ $? -eq 1 ]; } # 1: a verdict, not a failure
night
git -c user.name=test -c user.email=test@example.invalid commit --quiet --allow-empty -m "a second revision"
git push --quiet origin HEAD:refs/heads/main
night

fail() { echo "nightly-history-check: FAIL: $*" >&2; exit 1; }
first=$(git rev-parse --short=7 HEAD~1)
second=$(git rev-parse --short=7 HEAD)
files=$(git --git-dir "$tmp/remote.git" ls-tree -r --name-only bench-history)
[ "$(grep -c '^history/.*-[0-9a-f]\{7\}\.json$' <<< "$files")" -eq 2 ] || fail "history/ does not hold two nights: $files"
grep -q "^history/.*-$first\.json$" <<< "$files" || fail "no night of $first"
grep -q "^history/.*-$second\.json$" <<< "$files" || fail "no night of $second"
[ "$(grep -c '^reports/.*\.html$' <<< "$files")" -eq 2 ] || fail "reports/ does not hold two reports"
page=$(git --git-dir "$tmp/remote.git" show bench-history:index.html)
grep -q "$first" <<< "$page" && grep -q "$second" <<< "$page" || fail "the trend page does not name both revisions"
[ "$(git --git-dir "$tmp/remote.git" log --oneline bench-history | grep -c 'nightly: record')" -eq 2 ] || fail "bench-history lacks two nightly commits"
! git --git-dir "$tmp/remote.git" log --format=%s main | grep -q '^nightly' || fail "main carries a nightly commit"
[ -z "$(git --git-dir "$tmp/remote.git" ls-tree -r --name-only main -- results/history .bench-history)" ] || fail "main holds history files"
echo "nightly-history-check: ok — bench-history holds nights of $first and $second, the page names both, main is untouched"
if [ -n "$keep" ]; then rm -rf "$keep" && git --git-dir "$tmp/remote.git" worktree list >/dev/null && git clone --quiet --branch bench-history "$tmp/remote.git" "$keep" && echo "bench-history checked out in $keep"; fi

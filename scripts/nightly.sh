#!/usr/bin/env bash
# The nightly job, runnable locally: install, build, run the nightly suite (every variant 3 times, interleaved, so
# the comparison tests run-to-run noise), record it in the history, compare it with the baseline revision, search
# every measurement's history for change points, write the trend page, the report and summary. Exits 1 on a failed
# run (the run's own exit code: errors, accounting, an interruption), on a regression or an invalid comparison, or on
# a trend shift; 0 otherwise. A failed run is never recorded or promoted. The GitHub workflow is a thin wrapper.
#
# History never goes to main: it lives in its own branch (default bench-history, created as an orphan branch on the
# first night), checked out as a worktree in .bench-history/ and pushed to --remote. That branch holds history/
# (results/history's format), reports/<run>.html (each night's report), changes.md and index.html (the trend page,
# what GitHub Pages publishes). Without a remote that has the branch, a new one starts.
#   scripts/nightly.sh [--suite default] [--repeat 3] [--promote] [--remote origin] [--branch bench-history] [--no-push]
#                      [--run-args "--duration 2 --warmup 1"]
# BENCH_CLI="dotnet path/to/bench.dll" skips install and build and runs that CLI (how the bare-repository test runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
suite=default
repeat=3
promote=false
remote=origin
branch=bench-history
push=true
run_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --promote) promote=true; shift ;;
    --remote) remote="$2"; shift 2 ;;
    --branch) branch="$2"; shift 2 ;;
    --no-push) push=false; shift ;;
    --run-args) run_args="$2"; shift 2 ;;
    *) echo "nightly.sh: unknown option $1 (use --suite NAME, --repeat N, --promote, --remote NAME, --branch NAME, --no-push, --run-args ARGS)" >&2; exit 2 ;;
  esac
done
[ "$repeat" -ge 3 ] 2>/dev/null || { echo "nightly.sh: --repeat must be 3 or more (a verdict tests the repetitions)" >&2; exit 2; }

repo="$PWD"
if [ -n "${BENCH_CLI:-}" ]; then
  # shellcheck disable=SC2086 # BENCH_CLI is a command and its arguments
  bench() { $BENCH_CLI "$@"; }
else
  bash scripts/setup.sh
  dotnet build Bench.sln -c Release -warnaserror --nologo -v quiet
  bench() { (cd scenarios && dotnet run -c Release --no-build -- "$@"); }
fi

# The history branch, as a worktree beside the checkout (never the checkout's own branch: main stays untouched).
store="$repo/.bench-history"
git worktree remove --force "$store" 2>/dev/null || rm -rf "$store"
git worktree prune
if git fetch --quiet "$remote" "+refs/heads/$branch:refs/remotes/$remote/$branch" 2>/dev/null; then
  git worktree add --quiet -B "$branch" "$store" "$remote/$branch"
else
  echo "nightly: no branch $branch on $remote yet: starting it"
  git worktree add --quiet --detach "$store"
  (cd "$store" && git checkout --quiet --orphan "$branch" && git rm -rfq . && git clean -fdxq)
fi
history="$store/history"
if [ ! -d "$history" ] && [ -f results/history/index.json ]; then
  # The first night on the branch carries over history that earlier nightlies committed to main.
  mkdir -p "$history" && cp -r results/history/. "$history/"
fi
mkdir -p "$history" "$store/reports"

out="results/runs/nightly-$(date -u +%Y%m%dT%H%M%SZ)"
status=0
# shellcheck disable=SC2086 # run_args is a list of flags
bench run --suite "$suite" --repeat "$repeat" --out "$repo/$out" $run_args || status=$?
if [ "$status" -ne 0 ]; then
  # A run that failed (errors over the limit, accounting that does not hold, an interruption) is not a night's
  # measurement: it is neither recorded nor compared, and the job fails with the run's own exit code.
  echo "nightly: the run failed (exit $status); not recorded — see $out" >&2
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"; fi
  exit "$status"
fi

bench history record "$repo/$out" --history "$history"
run_id=$(sed -n 's/.*"runId": *"\([^"]*\)".*/\1/p' "$out/results.json" | head -1)
if [ -f "$out/report.html" ]; then cp "$out/report.html" "$store/reports/$run_id.html"; fi
verdict=0
if bench history list --history "$history" | grep -q '^\*'; then
  bench compare baseline "$repo/$out" --history "$history" --markdown "$repo/$out/compare.md" --html "$repo/$out/compare.html" || verdict=$?
  [ "$verdict" -le 1 ] || exit "$verdict"
  # The trend rule (crank's "3 in, 2 out"): a shift is flagged when the last two nights are out of range after at
  # least three in range; one bad night alone only warns, so runner noise does not cry wolf.
  trend=0
  bench history trend --history "$history" --markdown "$repo/$out/trend.md" || trend=$?
  [ "$trend" -le 1 ] || exit "$trend"
  [ "$trend" -eq 0 ] || verdict=1
  if [ "$promote" = true ]; then
    bench history promote latest --history "$history"
  fi
else
  echo "nightly: no baseline yet; this run becomes it" | tee "$out/compare.md" > "$out/trend.md"
  bench history promote latest --history "$history"
fi

# Change points over every night, and the trend page (links: the commit on GitHub when known, the night's report).
commit_url=""
if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then commit_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/commit/{sha}"; fi
bench history changes --history "$history" --markdown "$store/changes.md"
bench history page "$store" --history "$history" --report-url "reports/{run}.html" ${commit_url:+--commit-url "$commit_url"}

(
  cd "$store"
  git add -A .
  if ! git diff --cached --quiet; then
    git -c user.name="bench-nightly" -c user.email="bench-nightly@users.noreply.github.com" commit --quiet -m "nightly: record $run_id"
  fi
  if [ "$push" = true ]; then git push --quiet "$remote" "HEAD:refs/heads/$branch"; fi
)

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/summary.md" "$out/compare.md" "$out/trend.md" "$store/changes.md" >> "$GITHUB_STEP_SUMMARY" 2>/dev/null || true
fi

echo "nightly: results in $out (report.html, summary.md, compare.md, trend.md); history and trend page in $store (branch $branch)"
exit "$verdict"

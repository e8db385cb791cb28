#!/usr/bin/env bash
# The nightly job, runnable locally: install, build, run the nightly suite (every variant 3 times, interleaved, so
# the comparison tests run-to-run noise), record it in results/history, compare it with the baseline revision, write
# the report and summary. Exits 1 on a failed run (the run's own exit code: errors, accounting, an interruption), on a
# regression or an invalid comparison, or on a trend shift; 0 otherwise. A failed run is never recorded or promoted.
# The GitHub workflow is a thin wrapper around this.
#   scripts/nightly.sh [--suite default] [--repeat 3] [--promote]     (--promote: make this run the baseline afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
suite=default
repeat=3
promote=false
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --promote) promote=true; shift ;;
    *) echo "nightly.sh: unknown option $1 (use --suite NAME, --repeat N, --promote)" >&2; exit 2 ;;
  esac
done
[ "$repeat" -ge 3 ] 2>/dev/null || { echo "nightly.sh: --repeat must be 3 or more (a verdict tests the repetitions)" >&2; exit 2; }

bash scripts/setup.sh
dotnet build Bench.sln -c Release -warnaserror --nologo -v quiet
bench() { (cd scenarios && dotnet run -c Release --no-build -- "$@"); }

out="results/runs/nightly-$(date -u +%Y%m%dT%H%M%SZ)"
status=0
bench run --suite "$suite" --repeat "$repeat" --out "../$out" || status=$?
if [ "$status" -ne 0 ]; then
  # A run that failed (errors over the limit, accounting that does not hold, an interruption) is not a night's
  # measurement: it is neither recorded nor compared, and the job fails with the run's own exit code.
  echo "nightly: the run failed (exit $status); not recorded — see $out" >&2
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"; fi
  exit "$status"
fi

bench history record "../$out"
verdict=0
if bench history list | grep -q '^\*'; then
  bench compare baseline "../$out" --markdown "../$out/compare.md" --html "../$out/compare.html" || verdict=$?
  [ "$verdict" -le 1 ] || exit "$verdict"
  # The trend rule (crank's "3 in, 2 out"): a shift is flagged when the last two nights are out of range after at
  # least three in range; one bad night alone only warns, so runner noise does not cry wolf.
  trend=0
  bench history trend --markdown "../$out/trend.md" || trend=$?
  [ "$trend" -le 1 ] || exit "$trend"
  [ "$trend" -eq 0 ] || verdict=1
  if [ "$promote" = true ]; then
    bench history promote latest
  fi
else
  echo "nightly: no baseline yet; this run becomes it" | tee "$out/compare.md" > "$out/trend.md"
  bench history promote latest
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/summary.md" "$out/compare.md" "$out/trend.md" >> "$GITHUB_STEP_SUMMARY" 2>/dev/null || true
fi

echo "nightly: results in $out (report.html, summary.md, compare.md, trend.md)"
exit "$verdict"

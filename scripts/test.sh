#!/usr/bin/env bash
# The test command: installs what is missing, then runs every test project against real brokers and peers.
# Prints one closing line "tests: N passed, N failed, N skipped" summed over all projects.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

results=$(mktemp -d)
status=0
dotnet test Bench.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
rm -rf "$results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

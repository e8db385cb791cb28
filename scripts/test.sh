#!/usr/bin/env bash
# The test command: installs what is missing, then runs every test project against real brokers and peers.
# Prints one closing line "tests: N passed, N failed, N skipped" summed over all projects. When a test fails, its
# output is kept: the console log, the .trx files and failures.txt (each failed test's name, message and stack) in
# TestResults/<UTC time>/ (or $BENCH_TEST_OUT), named on the closing line, so the assertion can be read after the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

results=$(mktemp -d)
status=0
# pipefail: the pipe's status is dotnet's when it fails, not tee's.
dotnet test Bench.sln -c Release --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  # Skipped: whatever neither passed nor failed. A skip decided while the test runs (Assert.Skip) is not always in
  # the notExecuted counter, but it is never in passed or failed.
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${p:-0} - ${f:-0}))
done

if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ]; then
  kept=${BENCH_TEST_OUT:-TestResults/$(date -u +%Y%m%dT%H%M%SZ)}
  mkdir -p "$kept"
  cp "$results"/console.log "$kept"/
  cp "$results"/*.trx "$kept"/ 2>/dev/null || true
  # Each failed test's name, message and stack trace, from the .trx files (TRX is XML: read with Python's parser).
  /usr/bin/python3 - "$kept" "$results"/*.trx >"$kept/failures.txt" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[2:]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        continue
    for r in root.iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        print("FAILED", r.get("testName"))
        for tag in ("Message", "StackTrace"):
            node = r.find(".//t:ErrorInfo/t:" + tag, ns)
            if node is not None and node.text:
                print(node.text.rstrip())
        print()
PY
  echo "tests: output kept in $kept (failures.txt, console.log, *.trx)"
fi
rm -rf "$results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

#!/usr/bin/env bash
# The false-alarm count of `bench compare` on identical single runs: N pairs of
# `bench run --method sleep --sleep-ms 0 --outstanding 4 --duration S`, each run its own process against one private
# node (started here with `bench broker`, so the node's start is not part of each run), each pair compared without and
# (with --calibrate) with a noise file from `bench calibrate` made first on the same node. Prints one line per pair and
# the counts. Run it under the exclusive CPU lock on a shared machine:
#   flock /tmp/bench-heavy.lock scripts/identical-pairs.sh [--pairs 20] [--duration 5] [--calibrate] [--out DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib/figures.sh"
pairs=20
duration=5
calibrate=false
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pairs) pairs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --calibrate) calibrate=true; shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "identical-pairs.sh: unknown option $1 (use --pairs N, --duration S, --calibrate, --out DIR)" >&2; exit 2 ;;
  esac
done
out=$(figures_out identical-pairs "$out")
bench="$here/scenarios/bin/Release/net10.0/bench"
[ -x "$bench" ] || { echo "identical-pairs.sh: build the CLI first (dotnet build scenarios -c Release)" >&2; exit 2; }

"$bench" broker >"$out/broker.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q '^amqp' "$out/broker.log" && break; sleep 1; done
amqp=$(grep -m1 '^amqp' "$out/broker.log") || { echo "identical-pairs.sh: the broker did not start" >&2; cat "$out/broker.log" >&2; exit 1; }

run() { "$bench" run --method sleep --sleep-ms 0 --outstanding 4 --duration "$duration" --warmup 1 --amqp "$amqp" --out "$1" "${@:2}" >"$1.log" 2>&1; }
noise=()
if $calibrate; then
  "$bench" calibrate --noise "$out/noise.json" --method sleep --sleep-ms 0 --outstanding 4 --duration "$duration" --warmup 1 --amqp "$amqp" --out "$out/calibration" >"$out/calibration.log" 2>&1
  noise=(--noise "$out/noise.json")
fi

untested_fail=0
calibrated_fail=0
for i in $(seq "$pairs"); do
  run "$out/a$i"; run "$out/b$i"
  rc=0; "$bench" compare "$out/a$i" "$out/b$i" >"$out/compare$i.md" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || untested_fail=$((untested_fail + 1))
  line="pair $i: exit $rc"
  if $calibrate; then
    crc=0; "$bench" compare "$out/a$i" "$out/b$i" "${noise[@]}" >"$out/compare$i-noise.md" 2>&1 || crc=$?
    [ "$crc" -eq 0 ] || calibrated_fail=$((calibrated_fail + 1))
    line="$line, with --noise exit $crc"
  fi
  echo "$line; $(grep -m1 'call.sleep' "$out/compare$i.md" | cut -d'|' -f2,4,5,6)"
done
echo "identical single-run pairs (sleep 0, 4 outstanding, ${duration} s): $untested_fail of $pairs exit non-zero untested"
$calibrate && echo "against the calibration ($out/noise.json): $calibrated_fail of $pairs exit non-zero"
echo "results: $out"

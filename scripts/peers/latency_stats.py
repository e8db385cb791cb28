#!/usr/bin/python3
"""Figures from a Python load client's latency file ("<start ns> <latency ns> <ok|failed|timeout>" per request):

    latency_stats.py [--json] FILE ...

Per file: requests/s = ok requests over the measured window (first start to last completion), and p50/p99 of the ok
requests' latencies in µs, exact (nearest rank over every sample, no histogram). Bench reports throughput over its
issue window and percentiles from its histogram, so expect the last digits to differ, not the figures.
"""
import argparse
import json
import math


def summarize(path):
    ok_latencies = []
    counts = {"ok": 0, "failed": 0, "timeout": 0}
    first = last = None
    with open(path) as f:
        for line in f:
            start, latency, outcome = line.split()
            start, latency = int(start), int(latency)
            counts[outcome] += 1
            if outcome == "ok":
                ok_latencies.append(latency)
            first = start if first is None else min(first, start)
            last = start + latency if last is None else max(last, start + latency)
    ok_latencies.sort()
    seconds = (last - first) / 1e9 if first is not None else 0.0
    return {
        "ok": counts["ok"], "failed": counts["failed"], "timeout": counts["timeout"],
        "seconds": round(seconds, 3),
        "requestsPerSecond": round(counts["ok"] / seconds, 1) if seconds > 0 else 0.0,
        "p50Us": _percentile_us(ok_latencies, 50),
        "p99Us": _percentile_us(ok_latencies, 99),
    }


def _percentile_us(sorted_ns, p):
    if not sorted_ns:
        return None
    return round(sorted_ns[max(0, math.ceil(p / 100 * len(sorted_ns)) - 1)] / 1000, 1)


def describe(s):
    return "requests/s %s p50 %s µs p99 %s µs (ok %d failed %d timeout %d over %s s)" % (
        s["requestsPerSecond"], s["p50Us"], s["p99Us"], s["ok"], s["failed"], s["timeout"], s["seconds"])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--json", action="store_true", help="one JSON object per file instead of a line of text")
    p.add_argument("files", nargs="+")
    a = p.parse_args()
    for path in a.files:
        s = summarize(path)
        print(json.dumps(s) if a.json else path + ": " + describe(s), flush=True)


if __name__ == "__main__":
    main()

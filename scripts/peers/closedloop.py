"""The closed loop the Python load clients share: T threads, each sending its next request when the last one finished
(T threads = T outstanding), like Bench's `--outstanding T`.

For every measured request one line goes to the output file: "<start ns> <latency ns> <ok|failed|timeout>", with
time.monotonic_ns() (CLOCK_MONOTONIC, the clock Bench's Stopwatch uses on Linux), sorted by start. A cast's line has
latency 0: the client gets no result to time.
"""
import threading
import time

import latency_stats


def add_arguments(parser):
    """The load options both Python load clients take."""
    parser.add_argument("--count", type=int, help="requests in all (1000 when neither --count nor --duration is given)")
    parser.add_argument("--duration", type=float, help="seconds of measurement")
    parser.add_argument("--threads", type=int, default=1, help="threads, each with one request outstanding")
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds of untimed requests per thread first")
    parser.add_argument("--cast", action="store_true")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for a result")
    parser.add_argument("--out", required=True, help="the latency file")


def run_and_report(request, a):
    """run() with the options add_arguments() parsed into `a`; prints the figures, then "done <ok> <failed> <timeout>"."""
    count = 1000 if a.count is None and a.duration is None else a.count
    totals = run(request, a.out, count=count, threads=a.threads, duration=a.duration, warmup=a.warmup, cast=a.cast)
    print(latency_stats.describe(latency_stats.summarize(a.out)), flush=True)
    print(f"done {totals['ok']} {totals['failed']} {totals['timeout']}", flush=True)


def run(request, out, count=None, threads=1, duration=None, warmup=0.0, cast=False):
    """request() returns "ok", "failed" or "timeout" (it must not raise). Stops after `count` requests in all or
    `duration` seconds of measurement, whichever comes first. Each thread first sends untimed requests for `warmup`
    seconds; the threads then start measuring together. Returns the totals {"ok", "failed", "timeout"}."""
    if count is None and duration is None:
        raise ValueError("give a count, a duration or both")
    shares = [None] * threads if count is None else [count // threads + (1 if i < count % threads else 0) for i in range(threads)]
    lines = []
    lock = threading.Lock()
    # Every thread ends its warm-up before any measures, so the first measured second has all T outstanding.
    start_line = threading.Barrier(threads)
    deadline = [None]

    def loop(share):
        until = time.monotonic() + warmup
        while warmup > 0 and time.monotonic() < until:
            request()
        if start_line.wait() == 0 and duration is not None:
            deadline[0] = time.monotonic_ns() + int(duration * 1e9)
        start_line.wait()  # the deadline is set before anyone reads it
        mine = []
        sent = 0
        while share is None or sent < share:
            start = time.monotonic_ns()
            if deadline[0] is not None and start >= deadline[0]:
                break
            outcome = request()
            mine.append((start, 0 if cast else time.monotonic_ns() - start, outcome))
            sent += 1
        with lock:
            lines.extend(mine)

    workers = [threading.Thread(target=loop, args=(share,)) for share in shares]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    lines.sort()
    with open(out, "w") as f:
        for start, latency, outcome in lines:
            f.write(f"{start} {latency} {outcome}\n")
    totals = {"ok": 0, "failed": 0, "timeout": 0}
    for _, _, outcome in lines:
        totals[outcome] += 1
    return totals

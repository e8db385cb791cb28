#!/usr/bin/python3
"""The real Celery client (Debian python3-celery), driven by Bench: apply_async(...).get() in a loop, or casts.

    client.py --url URL --task tasks.add --args '[4, 4]' [--queue Q] --count N [--threads T] [--cast] [--timeout S] --out FILE

Each thread sends its share one at a time (Celery's rpc:// result backend is per thread). For every request one line
goes to FILE: "<start ns> <latency ns> <ok|failed|timeout>", with monotonic-clock nanoseconds (the clock Bench's
Stopwatch uses), so Bench reads the Python client's own latencies. For --cast, the line has latency 0 (no result).
Prints "done <ok> <failed> <timeout>" at the end. Run with /usr/bin/python3.
"""
import argparse
import json
import threading
import time

from celery import Celery


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--task", default="tasks.add")
    p.add_argument("--args", default="[4, 4]")
    p.add_argument("--queue", default="celery")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--cast", action="store_true")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    app = Celery("bench-client", broker=a.url, backend="rpc://")
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json")
    args = json.loads(a.args)
    lines = []
    lock = threading.Lock()
    totals = {"ok": 0, "failed": 0, "timeout": 0}

    def worker(n):
        mine = []
        for _ in range(n):
            start = time.monotonic_ns()
            if a.cast:
                app.send_task(a.task, args=args, queue=a.queue, ignore_result=True)
                mine.append((start, 0, "ok"))
                continue
            try:
                app.send_task(a.task, args=args, queue=a.queue).get(timeout=a.timeout)
                outcome = "ok"
            except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the run
                outcome = "timeout" if type(e).__name__ == "TimeoutError" else "failed"
            mine.append((start, time.monotonic_ns() - start, outcome))
        with lock:
            lines.extend(mine)
            for _, _, outcome in mine:
                totals[outcome] += 1

    shares = [a.count // a.threads + (1 if i < a.count % a.threads else 0) for i in range(a.threads)]
    threads = [threading.Thread(target=worker, args=(n,)) for n in shares]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(a.out, "w") as f:
        for start, latency, outcome in sorted(lines):
            f.write(f"{start} {latency} {outcome}\n")
    print(f"done {totals['ok']} {totals['failed']} {totals['timeout']}", flush=True)


if __name__ == "__main__":
    main()

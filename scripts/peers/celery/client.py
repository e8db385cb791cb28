#!/usr/bin/python3
"""The real Celery client (Debian python3-celery), driven by Bench: apply_async(...).get() in a loop, or casts.

    client.py --url URL --task tasks.add [--args '[4, 4]'] [--kwargs JSON] [--queue Q] [--count N] [--duration S]
              [--threads T] [--warmup S] [--cast] [--timeout S] --out FILE

Each thread sends its share one at a time (Celery's rpc:// result backend is per thread), so T threads = T
outstanding; without --count or --duration it sends 1000. --args/--kwargs take Bench's templates ({{seq}},
{{uuid}}, ...; see ../argtemplate.py), filled per request. For every measured request one line goes to FILE:
"<start ns> <latency ns> <ok|failed|timeout>", with monotonic-clock nanoseconds (the clock Bench's Stopwatch uses),
so Bench reads the Python client's own latencies (../closedloop.py). For --cast (ignore_result), the line has latency
0 (no result). Prints the figures (../latency_stats.py), then "done <ok> <failed> <timeout>" at the end.
Run with /usr/bin/python3.
"""
import argparse
import os
import sys

from celery import Celery

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from argtemplate import compile_template  # noqa: E402 - the shared peers folder is put on the path just above
import closedloop  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--task", default="tasks.add")
    p.add_argument("--args", default="[4, 4]", help="JSON array, with templates")
    p.add_argument("--kwargs", default="{}", help="JSON object, with templates")
    p.add_argument("--queue", default="celery")
    closedloop.add_arguments(p)
    a = p.parse_args()
    try:
        make_args, make_kwargs = compile_template(a.args), compile_template(a.kwargs)
    except ValueError as e:
        p.error("--args/--kwargs: %s" % e)

    app = Celery("bench-client", broker=a.url, backend="rpc://")
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json")

    def request():
        try:
            if a.cast:
                app.send_task(a.task, args=make_args(), kwargs=make_kwargs(), queue=a.queue, ignore_result=True)
            else:
                app.send_task(a.task, args=make_args(), kwargs=make_kwargs(), queue=a.queue).get(timeout=a.timeout)
            return "ok"
        except Exception as e:  # noqa: BLE001 - every failure is counted, none stops the run
            return "timeout" if type(e).__name__ == "TimeoutError" else "failed"

    closedloop.run_and_report(request, a)


if __name__ == "__main__":
    main()

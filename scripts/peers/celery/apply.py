#!/usr/bin/python3
"""The real Celery client for interop checks: send_task(...).get() for each TASK ARGS pair, one JSON line each:
{"ok": true, "result": ...} or {"ok": false, "type": "...", "module": "...", "message": "..."}. Run with /usr/bin/python3.

    apply.py --url URL [--queue Q] TASK 'JSON-ARGS' [TASK 'JSON-ARGS' ...]
"""
import argparse
import json

from celery import Celery


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--queue", default="celery")
    p.add_argument("--timeout", type=float, default=20)
    p.add_argument("requests", nargs="+")
    a = p.parse_args()
    app = Celery("bench-apply", broker=a.url, backend="rpc://")
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json")
    for task, args in zip(a.requests[0::2], a.requests[1::2]):
        try:
            out = {"ok": True, "result": app.send_task(task, args=json.loads(args), queue=a.queue).get(timeout=a.timeout)}
        except Exception as e:  # noqa: BLE001 - the exception Celery rebuilt from the worker's FAILURE is the point
            out = {"ok": False, "type": type(e).__name__, "module": type(e).__module__, "message": str(e)}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()

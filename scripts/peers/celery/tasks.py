"""Celery 5.2 tasks for Bench (Debian python3-celery, run with /usr/bin/python3).

The app is configured from the environment, so one module serves every variant Bench measures:
  BENCH_CELERY_BROKER          broker URL (amqp://...)
  BENCH_CELERY_RATE_LIMITS     "off" disables rate limits (worker_disable_rate_limits, the seed's advice)
  BENCH_CELERY_ADD_RATE_LIMIT  a rate_limit for tasks.add, e.g. "1000/s"
  BENCH_CELERY_ACKS_LATE       "1": acknowledge after the task ran (task_acks_late)
Start a worker as Bench does:  /usr/bin/python3 -m celery -A tasks worker --loglevel=WARNING -Q QUEUE --pool solo -c 1 --prefetch-multiplier 4
"""
import os
import time

from celery import Celery

app = Celery("tasks", broker=os.environ.get("BENCH_CELERY_BROKER", "amqp://guest:guest@127.0.0.1:5672//"), backend="rpc://")
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    worker_disable_rate_limits=os.environ.get("BENCH_CELERY_RATE_LIMITS", "on") == "off",
    task_acks_late=os.environ.get("BENCH_CELERY_ACKS_LATE") == "1",
    worker_hijack_root_logger=False,
    broker_connection_retry_on_startup=True,
)


@app.task(name="tasks.add", rate_limit=os.environ.get("BENCH_CELERY_ADD_RATE_LIMIT") or None)
def add(x, y):
    return x + y


@app.task(name="tasks.sleep")
def sleep(ms):
    time.sleep(ms / 1000.0)
    return ms


@app.task(name="tasks.fail")
def fail(message):
    raise ValueError(message)


@app.task(name="tasks.count", ignore_result=True)
def count(payload=None):
    return None

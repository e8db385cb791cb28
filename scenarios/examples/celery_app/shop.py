"""A small Celery 5.2 app that Bench's code does not define: what `bench run --target celery` drives in the README's
example and in the tests. Its own module, its own task names, its own queue.

Start a worker from this folder, with Debian's interpreter (the python3 first on PATH may not import Celery):

    cd scenarios/examples/celery_app
    SHOP_BROKER_URL=amqp://guest:guest@127.0.0.1:5672// \
        /usr/bin/python3 -m celery -A shop worker -Q shop --pool solo -c 1 --prefetch-multiplier 64 --loglevel=WARNING

Use a prefetch multiplier above 4 with the solo pool (or `--pool prefork -c N`): Celery 5.2.6 / kombu 5.2.4 solo
workers with a window of 4 or less stall up to 2 s waiting for their heartbeat timer to flush acks (see the
StallNote in src/Bench.Harness/Runs/CeleryRun.cs).

Tasks (JSON serializer, results over rpc://):
  shop.checkout(order_id, items, coupon=None) -> {"order_id", "items", "total_cents"}: 250 cents per item, 10% off
      with coupon "SAVE10". order_id must be an int and items a list of strings, else TypeError.
  shop.ping() -> "pong"
  shop.refund(order_id, amount_cents) -> {"order_id", "refunded_cents"}; raises ValueError when amount_cents <= 0 and
      LookupError when order_id < 0 ("no such order").
  shop.audit(event, **fields) -> None, ignore_result=True: the task for casts (nothing goes back).
  shop.stats() -> {task name: runs started in this worker process, raising ones included}: how a test counts the
      casts that landed. Exact with --pool solo (one process); with prefork each child counts its own.
"""
import collections
import os

from celery import Celery
from celery.signals import task_prerun

app = Celery("shop", broker=os.environ.get("SHOP_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"), backend="rpc://")
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    result_serializer="json",
    task_default_queue="shop",
    worker_hijack_root_logger=False,
    broker_connection_retry_on_startup=True,
)

PRICE_CENTS = 250

# Solo pool: tasks run one at a time on the worker's thread, so a plain Counter needs no lock.
_started = collections.Counter()


@task_prerun.connect
def _count(sender=None, **_):
    if sender is not None and sender.name != "shop.stats":
        _started[sender.name] += 1


@app.task(name="shop.checkout")
def checkout(order_id, items, coupon=None):
    if not isinstance(order_id, int) or isinstance(order_id, bool):
        raise TypeError("order_id must be an integer, got %r" % (order_id,))
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise TypeError("items must be a list of strings, got %r" % (items,))
    total = PRICE_CENTS * len(items)
    if coupon == "SAVE10":
        total = total * 9 // 10
    return {"order_id": order_id, "items": len(items), "total_cents": total}


@app.task(name="shop.ping")
def ping():
    return "pong"


@app.task(name="shop.refund")
def refund(order_id, amount_cents):
    if amount_cents <= 0:
        raise ValueError("refund amount must be positive, got %r" % (amount_cents,))
    if order_id < 0:
        raise LookupError("no such order: %r" % (order_id,))
    return {"order_id": order_id, "refunded_cents": amount_cents}


@app.task(name="shop.audit", ignore_result=True)
def audit(event, **fields):
    return None


@app.task(name="shop.stats")
def stats():
    return dict(_started)

#!/usr/bin/python3
"""The real oslo.messaging client as a load generator (Debian python3-oslo.messaging 14): the Python side of the
figures that compare Bench's `--target oslo` with oslo's own client.

    load_client.py --url URL --topic T [--server H] [--exchange X] [--namespace NS] [--version V] --method M
                   [--kwargs JSON] (--count N | --duration S | both) [--threads T] [--warmup S] [--cast]
                   [--timeout S] --out FILE

T threads share one RPCClient (one transport, one reply queue, as a service does) and each calls sequentially, so T
threads = T outstanding. --kwargs takes Bench's templates ({{seq}}, {{uuid}}, {{rand:A-B}}, ...; see
../argtemplate.py), filled per request. A remote error (ValueError, UnsupportedVersion, NoSuchMethod...) is "failed",
MessagingTimeout is "timeout". One line per request goes to FILE: "<start ns> <latency ns> <ok|failed|timeout>" (see
../closedloop.py); then it prints the figures (../latency_stats.py) and last "done <ok> <failed> <timeout>".
Run with /usr/bin/python3.
"""
import argparse
import os
import sys

import oslo_messaging as om
from oslo_config import cfg

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from argtemplate import compile_template  # noqa: E402 - the shared peers folder is put on the path just above
import closedloop  # noqa: E402
import latency_stats  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--server")
    p.add_argument("--exchange", default="openstack")
    p.add_argument("--namespace")
    p.add_argument("--version")
    p.add_argument("--method", required=True)
    p.add_argument("--kwargs", default="{}", help="JSON object, with templates")
    p.add_argument("--count", type=int)
    p.add_argument("--duration", type=float, help="seconds of measurement")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=float, default=0.0, help="seconds of untimed requests per thread first")
    p.add_argument("--cast", action="store_true")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.count is None and a.duration is None:
        p.error("give --count, --duration or both")
    try:
        make_kwargs = compile_template(a.kwargs)
    except ValueError as e:
        p.error("--kwargs: %s" % e)

    # The global config: oslo.messaging registers its options (metrics among them) on cfg.CONF, not on a fresh ConfigOpts.
    conf = cfg.CONF
    conf([], project="bench-peer")
    om.set_transport_defaults(control_exchange=a.exchange)
    # oslo reads amqp:// as its AMQP 1.0 driver; RabbitMQ's 0-9-1 driver is rabbit://.
    url = "rabbit://" + a.url.split("://", 1)[1] if a.url.startswith(("amqp://", "amqps://")) else a.url
    transport = om.get_rpc_transport(conf, url=url)
    target = om.Target(topic=a.topic, server=a.server)
    client = om.get_rpc_client(transport, target, timeout=a.timeout).prepare(namespace=a.namespace, version=a.version)
    ctxt = {"user_id": "u1", "project_id": "p1", "request_id": "req-load"}

    def request():
        try:
            if a.cast:
                client.cast(ctxt, a.method, **make_kwargs())
            else:
                client.call(ctxt, a.method, **make_kwargs())
            return "ok"
        except om.MessagingTimeout:
            return "timeout"
        except Exception:  # noqa: BLE001 - a remote error (rebuilt builtin or RemoteError) is counted, never fatal
            return "failed"

    totals = closedloop.run(request, a.out, count=a.count, threads=a.threads, duration=a.duration, warmup=a.warmup, cast=a.cast)
    transport.cleanup()
    print(latency_stats.describe(latency_stats.summarize(a.out)), flush=True)
    print(f"done {totals['ok']} {totals['failed']} {totals['timeout']}", flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The real oslo.messaging client as a load generator (Debian python3-oslo.messaging 14): the Python side of the
figures that compare Bench's `--target oslo` with oslo's own client.

    load_client.py --url URL --topic T [--server H] [--exchange X] [--namespace NS] [--version V] --method M
                   [--kwargs JSON] [--count N] [--duration S] [--threads T] [--warmup S] [--cast]
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

import rpc_transport

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from argtemplate import compile_template  # noqa: E402 - the shared peers folder is put on the path just above
import closedloop  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    rpc_transport.add_arguments(p)
    p.add_argument("--method", required=True)
    p.add_argument("--kwargs", default="{}", help="JSON object, with templates")
    closedloop.add_arguments(p)
    a = p.parse_args()
    try:
        make_kwargs = compile_template(a.kwargs)
    except ValueError as e:
        p.error("--kwargs: %s" % e)

    transport = rpc_transport.connect(a.url, a.exchange)
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

    closedloop.run_and_report(request, a)
    transport.cleanup()


if __name__ == "__main__":
    main()

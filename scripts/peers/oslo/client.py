#!/usr/bin/python3
"""A real oslo.messaging RPC client (Debian python3-oslo.messaging 14) for Bench's interop tests.

    client.py --url URL --topic T [--server S] [--fanout] [--exchange X] [--namespace NS] [--version V] [--timeout S]
              call|cast METHOD 'JSON-KWARGS' ...

Each METHOD/ARGS pair is sent in order; one JSON line per request goes to stdout:
{"ok": true, "result": ...} or {"ok": false, "type": "ValueError", "module": "builtins", "message": "..."}.
Run with /usr/bin/python3.
"""
import argparse
import json

import oslo_messaging as om

import rpc_transport


def main():
    p = argparse.ArgumentParser()
    rpc_transport.add_arguments(p)
    p.add_argument("--fanout", action="store_true")
    p.add_argument("--timeout", type=float, default=10)
    p.add_argument("kind", choices=["call", "cast"])
    p.add_argument("requests", nargs="+", help="METHOD JSON-KWARGS pairs")
    a = p.parse_args()
    if len(a.requests) % 2:
        p.error("requests come in METHOD JSON-KWARGS pairs")

    transport = rpc_transport.connect(a.url, a.exchange)
    target = om.Target(topic=a.topic, server=a.server, fanout=a.fanout)
    # prepare() as a Nova rpcapi does: the namespace and version travel in each message for the server's dispatcher.
    client = om.get_rpc_client(transport, target, timeout=a.timeout).prepare(namespace=a.namespace, version=a.version)
    ctxt = {"user_id": "u1", "project_id": "p1", "request_id": "req-interop"}
    for method, kwargs in zip(a.requests[0::2], a.requests[1::2]):
        kwargs = json.loads(kwargs)
        try:
            if a.kind == "call":
                out = {"ok": True, "result": client.call(ctxt, method, **kwargs)}
            else:
                client.cast(ctxt, method, **kwargs)
                out = {"ok": True}
        except om.MessagingTimeout as e:
            out = {"ok": False, "type": "MessagingTimeout", "module": "oslo_messaging", "message": str(e)}
        except om.RemoteError as e:
            out = {"ok": False, "type": "RemoteError", "module": "oslo_messaging", "exc_type": e.exc_type, "message": e.value}
        except Exception as e:  # builtins rebuilt by oslo (ValueError, TypeError, ...)
            out = {"ok": False, "type": type(e).__name__, "module": type(e).__module__, "message": str(e).split("\n")[0]}
        print(json.dumps(out), flush=True)
    transport.cleanup()


if __name__ == "__main__":
    main()

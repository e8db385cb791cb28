#!/usr/bin/python3
"""A real oslo.messaging RPC server (Debian python3-oslo.messaging 14) for Bench's interop tests and scenarios.

Serves echo / add / sleep / fail on --topic (and --topic.--server). Prints "ready" once it consumes; stops on
SIGTERM or when stdin closes (so it never outlives the test that started it).
Run with /usr/bin/python3: the python3 first on PATH may be another build that cannot import oslo.messaging.
"""
import argparse
import signal
import sys
import threading
import time

import oslo_messaging as om
from oslo_config import cfg


class BenchEndpoint:
    def echo(self, ctxt, payload):
        return payload

    def add(self, ctxt, x, y):
        return x + y

    def sleep(self, ctxt, ms):
        time.sleep(ms / 1000.0)
        return ms

    def fail(self, ctxt, message):
        raise ValueError(message)

    def whoami(self, ctxt):
        return {"user_id": ctxt.get("user_id"), "project_id": ctxt.get("project_id"), "request_id": ctxt.get("request_id")}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--server", default="pyserver")
    p.add_argument("--exchange", default="openstack")
    a = p.parse_args()

    # The global config: oslo.messaging registers its options (metrics among them) on cfg.CONF, not on a fresh ConfigOpts.
    conf = cfg.CONF
    conf([], project="bench-peer")
    om.set_transport_defaults(control_exchange=a.exchange)
    # oslo reads amqp:// as its AMQP 1.0 driver; RabbitMQ's 0-9-1 driver is rabbit://.
    url = "rabbit://" + a.url.split("://", 1)[1] if a.url.startswith(("amqp://", "amqps://")) else a.url
    transport = om.get_rpc_transport(conf, url=url)
    target = om.Target(topic=a.topic, server=a.server)
    server = om.get_rpc_server(transport, target, [BenchEndpoint()], executor="threading")
    server.start()
    print("ready", flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    server.stop()
    server.wait()
    transport.cleanup()


if __name__ == "__main__":
    main()

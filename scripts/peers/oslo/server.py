#!/usr/bin/python3
"""A real oslo.messaging RPC server (Debian python3-oslo.messaging 14) for Bench's interop tests and scenarios.

    server.py --url URL --topic T [--server H] [--exchange X] [--namespace NS] [--version V]

Serves two endpoints on --topic (and --topic.--server):
  BenchEndpoint    echo(payload) / add(x, y) / sleep(ms) / fail(message) -> ValueError(message) / whoami()
                   / counts() -> {method: calls that reached an endpoint method}
  ComputeEndpoint  a Nova-like service: resize_instance(instance_uuid, flavor_id, clean_shutdown=True) ->
                   {"instance_uuid", "flavor_id", "clean_shutdown", "task_state": "resize_prep"}; a uuid that does not
                   parse or a flavor_id that is not an int raises ValueError naming the argument.
With --namespace and/or --version, both endpoints carry target = Target(namespace=NS, version=V), so oslo's own
dispatcher routes by namespace and refuses what the version does not cover: a request for 6.0 (or 5.2) against 5.1
gets UnsupportedVersion, 5.0 is served; a request in another namespace (or none) finds no endpoint and gets
UnsupportedVersion too (NoSuchMethod is only for an unknown method in the right namespace and version). Requests
the dispatcher refuses never reach an endpoint, so counts() does not see them.

Prints "ready" once it consumes, and "counts {json}" when it stops; stops on SIGTERM or when stdin closes (so it
never outlives the test that started it). Run with /usr/bin/python3: the python3 first on PATH may be another build
that cannot import oslo.messaging.
"""
import argparse
import collections
import json
import signal
import sys
import threading
import time
import uuid

import oslo_messaging as om

import rpc_transport


class Tally:
    """Calls per method, across the threading executor's workers (hence the lock): how tests count casts that landed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = collections.Counter()

    def add(self, method):
        with self._lock:
            self._counts[method] += 1

    def snapshot(self):
        with self._lock:
            return dict(self._counts)


class BenchEndpoint:
    def __init__(self, tally, target):
        self._tally = tally
        if target is not None:
            self.target = target

    def echo(self, ctxt, payload):
        self._tally.add("echo")
        return payload

    def add(self, ctxt, x, y):
        self._tally.add("add")
        return x + y

    def sleep(self, ctxt, ms):
        self._tally.add("sleep")
        time.sleep(ms / 1000.0)
        return ms

    def fail(self, ctxt, message):
        self._tally.add("fail")
        raise ValueError(message)

    def whoami(self, ctxt):
        self._tally.add("whoami")
        return {"user_id": ctxt.get("user_id"), "project_id": ctxt.get("project_id"), "request_id": ctxt.get("request_id")}

    def count(self, ctxt):
        self._tally.add("count")

    def counts(self, ctxt):
        return self._tally.snapshot()


class ComputeEndpoint:
    """Shaped like Nova's compute manager: validates its arguments as a real service would, so bad ones are remote errors."""

    def __init__(self, tally, target):
        self._tally = tally
        if target is not None:
            self.target = target

    def resize_instance(self, ctxt, instance_uuid, flavor_id, clean_shutdown=True):
        self._tally.add("resize_instance")
        try:
            parsed = uuid.UUID(str(instance_uuid))
        except ValueError:
            raise ValueError("instance_uuid is not a UUID: %r" % (instance_uuid,)) from None
        # bool is an int in Python; a flavor id of true is still a caller's mistake.
        if not isinstance(flavor_id, int) or isinstance(flavor_id, bool):
            raise ValueError("flavor_id must be an integer, got %r" % (flavor_id,))
        return {"instance_uuid": str(parsed), "flavor_id": flavor_id, "clean_shutdown": bool(clean_shutdown), "task_state": "resize_prep"}


def main():
    p = argparse.ArgumentParser()
    rpc_transport.add_arguments(p, server_default="pyserver")
    a = p.parse_args()

    transport = rpc_transport.connect(a.url, a.exchange)
    target = om.Target(topic=a.topic, server=a.server)
    # Without the flags the endpoints carry no target: oslo's default (no namespace, 1.0), as before.
    endpoint_target = om.Target(namespace=a.namespace, version=a.version) if a.namespace or a.version else None
    tally = Tally()
    endpoints = [BenchEndpoint(tally, endpoint_target), ComputeEndpoint(tally, endpoint_target)]
    server = om.get_rpc_server(transport, target, endpoints, executor="threading")
    server.start()
    print("ready", flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    server.stop()
    server.wait()
    transport.cleanup()
    print("counts " + json.dumps(tally.snapshot(), sort_keys=True), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A real oslo.messaging client of Bench's conductor, with oslo.versionedobjects' serializer (Nova's compute side).

    conductor_client.py --url URL --topic T OBJNAME OBJMETHOD 'JSON-ARGS' 'JSON-MANIFEST' ...

Each quadruple is one object_class_action_versions call (conductor API 3.0); an empty manifest ({}) means this
process's own versions (obj_tree_get_versions). One JSON line per call: {"ok": true, "name", "version", "changes",
"flavor_version", "count"} for the object that came back, or {"ok": false, "type", "module", "message"}.
Run with /usr/bin/python3.
"""
import argparse
import json

import oslo_messaging as om
from oslo_versionedobjects import base

import objects
import rpc_transport


class NovaObjectSerializer(base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = objects.NovaObject


def describe(obj):
    out = {"ok": True, "name": obj.obj_name(), "version": obj.VERSION, "changes": sorted(obj.obj_what_changed())}
    if obj.obj_name() == "Instance":
        out["uuid"] = obj.uuid
        out["flavor_version"] = obj.flavor.VERSION
        out["fields"] = sorted(f for f in obj.fields if obj.obj_attr_is_set(f))
    if isinstance(obj, base.ObjectListBase):
        out["count"] = len(obj)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--timeout", type=float, default=20)
    p.add_argument("requests", nargs="+", help="OBJNAME OBJMETHOD JSON-ARGS JSON-MANIFEST")
    a = p.parse_args()
    transport = rpc_transport.connect(a.url)
    client = om.get_rpc_client(transport, om.Target(topic=a.topic, version="3.0"), timeout=a.timeout,
                               serializer=NovaObjectSerializer())
    ctxt = {"user_id": "u1", "project_id": "p1", "request_id": "req-objects"}
    r = a.requests
    for objname, method, args, manifest in zip(r[0::4], r[1::4], r[2::4], r[3::4]):
        versions = json.loads(manifest) or base.obj_tree_get_versions(objname)
        try:
            obj = client.prepare(version="3.0").call(ctxt, "object_class_action_versions", objname=objname,
                                                     objmethod=method, object_versions=versions,
                                                     args=json.loads(args), kwargs={})
            out = describe(obj)
        except om.RemoteError as e:
            out = {"ok": False, "type": e.exc_type, "module": "oslo_messaging", "message": e.value}
        except Exception as e:  # exceptions oslo rebuilt: builtins, and oslo_versionedobjects' when allowed
            out = {"ok": False, "type": type(e).__name__.replace("_Remote", ""), "module": type(e).__module__,
                   "message": str(e).split("\n")[0]}
        print(json.dumps(out), flush=True)
    transport.cleanup()


if __name__ == "__main__":
    main()

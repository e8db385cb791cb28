"""The Python side of Bench's object interop tests (tests/Bench.Objects.Tests): real oslo.versionedobjects 3.0.

  objects_peer.py dump CASE [TARGET_VERSION] [MANIFEST_JSON]  print the primitive of a sample object (the same object
                                                             Bench builds for CASE), as json.dumps writes it
  objects_peer.py read [FILE]                                 for each primitive in FILE or on stdin (one JSON a line), print what
                                                             oslo makes of it: name, version, changes and its primitive
                                                             again, or the exception it raises

oslo writes "changes" in a set's iteration order, which varies between Python processes; both commands write it in
field declaration order (Bench's order), so bytes can be compared. Run with Debian's /usr/bin/python3.
"""

import datetime
import json
import sys

import iso8601
import netaddr

import objects

UTC = iso8601.UTC
CREATED = datetime.datetime(2026, 11, 20, 8, 14, 3, tzinfo=UTC)


def uuid(i):
    return '%08x-5e6f-4a8b-9c0d-%012x' % (i, i)


def flavor():
    f = objects.Flavor(id=3, name='m1.medium', memory_mb=4096, vcpus=2, root_gb=40, ephemeral_gb=0, flavorid='3',
                       swap=0, rxtx_factor=1.0, vcpu_weight=0, disabled=False, is_public=True, extra_specs={})
    f.obj_reset_changes()
    return f


def groups(i):
    lst = objects.SecurityGroupList(objects=[
        objects.SecurityGroup(id=1, name='default', description='default', user_id='8e3c9a1f2b4d4e6f8a0b1c2d3e4f5a6b',
                              project_id='1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d', deleted=False, created_at=CREATED),
        objects.SecurityGroup(id=100 + (i % 7), name='web', description=None, user_id=None,
                              project_id='1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d', deleted=False, created_at=None),
    ])
    lst.obj_reset_changes(recursive=True)
    return lst


def instance(i, hosts=10):
    host = 'compute-%d' % (i % hosts)
    inst = objects.Instance(
        id=4000 + i, uuid=uuid(i), user_id='8e3c9a1f2b4d4e6f8a0b1c2d3e4f5a6b',
        project_id='1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d', image_ref='9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
        kernel_id=None, ramdisk_id=None, hostname='web-frontend-%d' % i, launch_index=0, key_name='ops-key',
        key_data=None, power_state=1, vm_state='active', task_state=None, memory_mb=4096, vcpus=2, root_gb=40,
        ephemeral_gb=0, host=host, node=host + '.example.org', instance_type_id=3, user_data=None,
        reservation_id='r-4k2j8d1q', launched_at=CREATED + datetime.timedelta(seconds=99), terminated_at=None,
        availability_zone='nova', display_name='web-frontend-%d' % i, display_description=None, launched_on=host,
        locked=False, locked_by=None, os_type='linux', architecture='x86_64', vm_mode='hvm',
        access_ip_v4='192.0.2.%d' % (i % 250), access_ip_v6='2001:db8::%x' % (i % 65535), config_drive='',
        created_at=CREATED, updated_at=CREATED + datetime.timedelta(hours=20), deleted_at=None, deleted=False,
        cell_name=None, progress=0, shutdown_terminate=False, cleaned=False, root_device_name='/dev/vda',
        default_ephemeral_device=None, default_swap_device=None,
        system_metadata={'image_min_disk': '20', 'image_os_distro': 'debian'},
        metadata={'role': 'web', 'tier': 'frontend'}, flavor=flavor(), security_groups=groups(i),
        ephemeral_key_uuid=None)
    inst.obj_reset_changes(recursive=True)
    return inst


def case(name):
    """The sample objects; tests/Bench.Objects.Tests/InteropCases.cs builds the same ones in C#."""
    if name == 'instance':
        return instance(7)
    if name == 'changed':
        inst = instance(7)
        inst.task_state = 'spawning'
        inst.vm_state = 'building'
        inst.progress = 50
        inst.flavor.vcpu_weight = 2
        inst.security_groups[0].name = 'default2'
        return inst
    if name == 'unicode':
        inst = instance(8)
        inst.display_name = 'caf\u00e9 \u2603 \U0001F600 "quoted" back\\slash'
        inst.metadata = {'k"ey': 'tab\there', 'ctl': '\x01'}
        inst.locked_by = 'admin'
        inst.ephemeral_key_uuid = uuid(99)
        return inst
    if name == 'microseconds':
        inst = instance(9)
        inst.launched_at = datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
        return inst
    if name == 'sparse':
        inst = objects.Instance(id=1, uuid=uuid(1), host=None, locked=True, system_metadata={})
        return inst
    if name == 'floats':
        f = flavor()
        f.rxtx_factor = 0.1
        f.swap = 512
        return f
    if name == 'bigfloat':
        f = flavor()
        f.rxtx_factor = 1.5e-07
        return f
    if name == 'list':
        lst = objects.InstanceList(objects=[instance(1), instance(2), instance(3)])
        lst.obj_reset_changes(recursive=True)
        lst[1].progress = 10
        return lst
    raise SystemExit('unknown case ' + name)


def normalize(primitive):
    """Changes in field declaration order (oslo's own order is a set's), recursively."""
    if isinstance(primitive, list):
        return [normalize(x) for x in primitive]
    if not isinstance(primitive, dict):
        return primitive
    result = {k: normalize(v) for k, v in primitive.items()}
    if 'nova_object.changes' in result:
        cls = base_registry().get(primitive['nova_object.name'])
        order = list(cls[0].fields) if cls else []
        result['nova_object.changes'] = sorted(result['nova_object.changes'],
                                               key=lambda n: order.index(n) if n in order else len(order))
    return result


def base_registry():
    from oslo_versionedobjects import base
    return base.VersionedObjectRegistry.obj_classes()


def dump(args):
    obj = case(args[0])
    target = args[1] if len(args) > 1 and args[1] != '-' else None
    manifest = json.loads(args[2]) if len(args) > 2 else None
    print(json.dumps(normalize(obj.obj_to_primitive(target_version=target, version_manifest=manifest))))


def read(path=None):
    source = open(path, encoding='utf-8') if path else sys.stdin
    for line in source:
        line = line.strip()
        if not line:
            continue
        try:
            obj = objects.NovaObject.obj_from_primitive(json.loads(line))
            changes = sorted(obj.obj_what_changed())
            print(json.dumps({'ok': True, 'name': obj.obj_name(), 'version': obj.VERSION, 'changes': changes,
                              'primitive': normalize(obj.obj_to_primitive())}))
        except Exception as e:  # every refusal is reported, by class, for the test to compare with Bench's
            print(json.dumps({'ok': False, 'type': type(e).__name__, 'message': str(e)}))
        sys.stdout.flush()


if __name__ == '__main__':
    if sys.argv[1] == 'dump':
        dump(sys.argv[2:])
    elif sys.argv[1] == 'read':
        read(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        raise SystemExit(__doc__)

"""Nova objects matching Bench's C# ones (src/Bench.Objects/Nova): same names, versions, fields in the same order,
the same relationships and the same fields added per version. Run with Debian's /usr/bin/python3
(python3-oslo.versionedobjects 3.0)."""

from oslo_versionedobjects import base
from oslo_versionedobjects import fields


class NovaObject(base.VersionedObject):
    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova'

    # version -> fields that version added; obj_make_compatible drops them for older targets (Nova's own pattern).
    ADDED = {}

    def obj_make_compatible(self, primitive, target_version):
        super(NovaObject, self).obj_make_compatible(primitive, target_version)
        target = tuple(int(p) for p in target_version.split('.'))
        for version, names in self.ADDED.items():
            if target < tuple(int(p) for p in version.split('.')):
                for name in names:
                    primitive.pop(name, None)



@base.VersionedObjectRegistry.register
class Instance(NovaObject):
    VERSION = '2.7'
    fields = {
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'image_ref': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'key_data': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(nullable=True),
        'vm_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'instance_type_id': fields.IntegerField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'launched_on': fields.StringField(nullable=True),
        'locked': fields.BooleanField(),
        'locked_by': fields.EnumField(['owner', 'admin'], nullable=True),
        'os_type': fields.StringField(nullable=True),
        'architecture': fields.StringField(nullable=True),
        'vm_mode': fields.StringField(nullable=True),
        'access_ip_v4': fields.IPV4AddressField(nullable=True),
        'access_ip_v6': fields.IPV6AddressField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'deleted': fields.BooleanField(),
        'cell_name': fields.StringField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        'shutdown_terminate': fields.BooleanField(),
        'cleaned': fields.BooleanField(),
        'root_device_name': fields.StringField(nullable=True),
        'default_ephemeral_device': fields.StringField(nullable=True),
        'default_swap_device': fields.StringField(nullable=True),
        'system_metadata': fields.DictOfStringsField(),
        'metadata': fields.DictOfStringsField(),
        'flavor': fields.ObjectField('Flavor'),
        'security_groups': fields.ObjectField('SecurityGroupList', nullable=True),
        'ephemeral_key_uuid': fields.UUIDField(nullable=True),
    }
    obj_relationships = {
        'flavor': [('2.0', '1.0'), ('2.2', '1.1'), ('2.6', '1.2')],
        'security_groups': [('2.1', '1.0'), ('2.4', '1.1')],
    }
    ADDED = {'2.5': ['locked_by'], '2.3': ['cleaned'], '2.1': ['security_groups'], '2.7': ['ephemeral_key_uuid']}


@base.VersionedObjectRegistry.register
class Flavor(NovaObject):
    VERSION = '1.2'
    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'flavorid': fields.StringField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(),
        'is_public': fields.BooleanField(),
        'extra_specs': fields.DictOfStringsField(),
    }
    ADDED = {'1.1': ['disabled'], '1.2': ['extra_specs']}


@base.VersionedObjectRegistry.register
class SecurityGroup(NovaObject):
    VERSION = '1.1'
    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(),
        'description': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'deleted': fields.BooleanField(),
        'created_at': fields.DateTimeField(nullable=True),
    }
    ADDED = {'1.1': ['created_at']}


@base.VersionedObjectRegistry.register
class SecurityGroupList(base.ObjectListBase, NovaObject):
    VERSION = '1.1'
    fields = {'objects': fields.ListOfObjectsField('SecurityGroup')}
    obj_relationships = {'objects': [('1.0', '1.0'), ('1.1', '1.1')]}


@base.VersionedObjectRegistry.register
class InstanceList(base.ObjectListBase, NovaObject):
    VERSION = '2.1'
    fields = {'objects': fields.ListOfObjectsField('Instance')}
    obj_relationships = {'objects': [('2.0', '2.6'), ('2.1', '2.7')]}

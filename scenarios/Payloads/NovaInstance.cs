namespace Bench.Scenarios.Payloads;

/// <summary>
/// What Nova actually sends over RPC: a versioned object primitive (oslo.versionedobjects) of an Instance, with the
/// usual mix of nullable strings, datetimes, IP addresses, numbers and a nested flavor: about 40 fields, ~2 KiB.
/// </summary>
internal static class NovaInstance
{
    public const string Json = """
        {"nova_object.name": "Instance", "nova_object.namespace": "nova", "nova_object.version": "2.7",
         "nova_object.data": {
          "id": 4217, "uuid": "3f1b2c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", "user_id": "8e3c9a1f2b4d4e6f8a0b1c2d3e4f5a6b",
          "project_id": "1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d", "image_ref": "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a",
          "kernel_id": null, "ramdisk_id": null, "hostname": "web-frontend-03", "launch_index": 0,
          "key_name": "ops-key", "key_data": null, "power_state": 1, "vm_state": "active", "task_state": null,
          "memory_mb": 4096, "vcpus": 2, "root_gb": 40, "ephemeral_gb": 0, "host": "compute-17", "node": "compute-17.example.org",
          "instance_type_id": 3, "user_data": null, "reservation_id": "r-4k2j8d1q", "launched_at": "2026-11-20T08:15:42Z",
          "terminated_at": null, "availability_zone": "nova", "display_name": "web-frontend-03", "display_description": null,
          "launched_on": "compute-17", "locked": false, "locked_by": null, "os_type": "linux", "architecture": "x86_64",
          "vm_mode": "hvm", "access_ip_v4": "192.0.2.43", "access_ip_v6": "2001:db8::43", "config_drive": "",
          "created_at": "2026-11-20T08:14:03Z", "updated_at": "2026-11-21T05:02:11Z", "deleted_at": null, "deleted": false,
          "cell_name": null, "progress": 0, "shutdown_terminate": false, "cleaned": false, "root_device_name": "/dev/vda",
          "default_ephemeral_device": null, "default_swap_device": null, "system_metadata": {"image_min_disk": "20", "image_os_distro": "debian"},
          "metadata": {"role": "web", "tier": "frontend"}, "tags": null,
          "flavor": {"nova_object.name": "Flavor", "nova_object.namespace": "nova", "nova_object.version": "1.2",
           "nova_object.data": {"id": 3, "name": "m1.medium", "memory_mb": 4096, "vcpus": 2, "root_gb": 40, "ephemeral_gb": 0,
            "flavorid": "3", "swap": 0, "rxtx_factor": 1.0, "vcpu_weight": 0, "disabled": false, "is_public": true, "extra_specs": {}},
           "nova_object.changes": []}},
         "nova_object.changes": ["task_state", "vm_state", "updated_at"]}
        """;
}

using System.Net;
using System.Text;
using Bench.Objects.Conductor;
using Bench.Objects.Model;
using Bench.Objects.Nova;

namespace Bench.Objects.Tests;

/// <summary>The object model's own rules (pure units): coercion and its errors, change tracking, versions, the sticky context.</summary>
public sealed class ObjectModelTests
{
    [Fact]
    public void Setters_coerce_as_oslo_does()
    {
        var instance = new Instance();
        instance.SetValue("memory_mb", "2048");
        instance.SetValue("vcpus", 3.7);
        instance.SetValue("hostname", 42L);
        instance.SetValue("locked", "yes");
        instance.SetValue("launched_at", "2026-01-02T03:04:05+01:00");
        instance.SetValue("access_ip_v4", "192.0.2.1");

        Assert.Equal((2048L, 3L, "42", true), (instance.MemoryMb, instance.Vcpus, instance.Hostname, instance.Locked));
        Assert.Equal(new DateTime(2026, 1, 2, 2, 4, 5, DateTimeKind.Utc), instance.LaunchedAt);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), instance.AccessIpV4);
    }

    [Theory]
    [InlineData("memory_mb", "lots", "ValueError", "'lots'")]
    [InlineData("hostname", null, null, null)]
    [InlineData("id", null, "ValueError", "cannot be None")]
    [InlineData("locked_by", "nobody", "ValueError", "'nobody'")]
    [InlineData("access_ip_v4", "2001:db8::1", "ValueError", "'2001:db8::1'")]
    [InlineData("access_ip_v6", "192.0.2.1", "ValueError", "'192.0.2.1'")]
    [InlineData("launched_at", "yesterday", "ValueError", "'yesterday'")]
    public void Bad_values_are_refused_naming_the_field_and_the_value(string field, string? value, string? pythonClass, string? mentions)
    {
        var instance = new Instance();
        if (pythonClass is null)
        {
            instance.SetValue(field, value); // nullable: accepted
            Assert.Null(instance.GetValue(field));
            return;
        }

        var error = Assert.Throws<ObjectModelException>(() => instance.SetValue(field, value));
        Assert.Equal(pythonClass, error.PythonClass);
        Assert.Contains("Instance." + field, error.Message, StringComparison.Ordinal);
        Assert.Contains(mentions!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_or_an_object_of_the_wrong_class_is_refused()
    {
        var instance = new Instance();

        Assert.Equal("TypeError", Assert.Throws<ObjectModelException>(() => instance.SetValue("memory_mb", new List<object> { 1 })).PythonClass);
        Assert.Equal("ValueError", Assert.Throws<ObjectModelException>(() => instance.SetValue("hostname", new List<object> { 1 })).PythonClass);
        Assert.Contains("Flavor", Assert.Throws<ObjectModelException>(() => instance.SetValue("flavor", new SecurityGroup())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_are_tracked_through_nested_objects_and_lists_and_reset()
    {
        var instance = SampleInstances.Create(1);
        Assert.Empty(instance.WhatChanged());

        instance.Progress = 5;
        instance.Flavor.VcpuWeight = 4;
        instance.SecurityGroups![1].Name = "db";

        Assert.Equal(["flavor", "progress", "security_groups"], instance.WhatChanged().Order(StringComparer.Ordinal));
        Assert.Equal(["objects"], instance.SecurityGroups.WhatChanged());

        instance.ResetChanges(fields: ["progress"]);
        Assert.Equal(2, instance.WhatChanged().Count); // the nested ones remain
        instance.ResetChanges(recursive: true);
        Assert.Empty(instance.WhatChanged());
        Assert.Empty(instance.Flavor.WhatChanged());
    }

    [Fact]
    public void A_new_list_is_empty_and_unchanged()
    {
        var list = new InstanceList();

        Assert.Empty(list);
        Assert.Empty(list.WhatChanged());
        Assert.Equal("{\"nova_object.name\": \"InstanceList\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.1\", \"nova_object.data\": {\"objects\": []}}", Encoding.UTF8.GetString(list.ToPrimitiveBytes()));
    }

    [Theory]
    [InlineData("2.10", "2.9", 1)]
    [InlineData("2.7", "2.7.0", -1)]
    [InlineData("1.2", "1.2", 0)]
    public void Versions_compare_as_integer_tuples(string left, string right, int sign) =>
        Assert.Equal(sign, Math.Sign(ObjectVersion.Parse(left).CompareTo(ObjectVersion.Parse(right))));

    [Fact]
    public void A_target_newer_than_the_object_is_InvalidTargetVersion()
    {
        var error = Assert.Throws<ObjectModelException>(() => SampleInstances.Flavor().ToPrimitiveBytes("1.3"));
        Assert.Equal(("InvalidTargetVersion", "Invalid target version 1.3"), (error.PythonClass, error.Message));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-2.5, "-2.5")]
    public void Floats_are_written_as_Python_repr_writes_them(double value, string python) => Assert.Equal(python, PythonText.Float(value));

    [Fact]
    public void The_version_manifest_lists_every_nested_object_with_pins_applied()
    {
        var pinned = NovaObjects.Registry.WithPins(("Instance", "2.6"));

        Assert.Equal("{\"Instance\": \"2.6\", \"Flavor\": \"1.2\", \"SecurityGroupList\": \"1.1\", \"SecurityGroup\": \"1.1\"}", Encoding.UTF8.GetString(pinned.ManifestJson("Instance").Span));
        Assert.Equal("IncompatibleObjectVersion", Assert.Throws<ObjectModelException>(() => pinned.FromPrimitive(SampleInstances.Create(1).ToPrimitiveBytes())).PythonClass);
        Assert.Equal("2.6", pinned.FromPrimitive(SampleInstances.Create(1).ToPrimitiveBytes("2.6")).Version.Text);
    }

    [Fact]
    public async Task Remotable_methods_run_locally_with_a_store_and_the_context_sticks()
    {
        var store = new InstanceStore(count: 3, hosts: 1, clock: () => new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var context = new ObjectContext(NovaObjects.Registry, store: store);

        var instance = await Instance.GetByUuidAsync(context, SampleInstances.Uuid(2));
        Assert.Same(context, instance.Context);
        instance.DisplayName = "renamed";
        await instance.SaveAsync();

        Assert.Empty(instance.WhatChanged());
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), instance.UpdatedAt);
        Assert.Equal("renamed", (await Instance.GetByUuidAsync(context, SampleInstances.Uuid(2))).DisplayName);
        Assert.Equal(3, (await InstanceList.GetByHostAsync(context, "compute-0")).Count);
        Assert.Equal("OrphanedObjectError", (await Assert.ThrowsAsync<ObjectModelException>(async () => await new Instance { Uuid = "x", Id = 1 }.SaveAsync())).PythonClass);
    }

    [Fact]
    public void A_save_sends_only_the_changed_fields_and_the_identity()
    {
        var instance = Instance.Reference(new ObjectContext(NovaObjects.Registry), SampleInstances.Uuid(4), 4004);
        instance.TaskState = "rebooting";
        instance.VmState = "active";
        instance.Progress = 7;
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        PrimitiveWriter.WriteChanges(instance, output);

        Assert.Equal("{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.7\", \"nova_object.data\": " +
            "{\"id\": 4004, \"uuid\": \"00000004-5e6f-4a8b-9c0d-000000000004\", \"vm_state\": \"active\", \"task_state\": \"rebooting\", \"progress\": 7}, " +
            "\"nova_object.changes\": [\"vm_state\", \"task_state\", \"progress\"]}", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}

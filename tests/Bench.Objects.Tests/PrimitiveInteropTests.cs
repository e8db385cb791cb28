using System.Text;
using System.Text.Json;
using Bench.Objects.Model;
using Bench.Objects.Nova;

namespace Bench.Objects.Tests;

/// <summary>
/// Bench's primitives against the real oslo.versionedobjects 3.0, both ways: for every sample (all field types,
/// nested objects, lists, changes, unicode, each backport version and manifest backports) Bench writes the very bytes
/// Python writes, Python reads what Bench writes back to the same object, and Bench reads what Python writes.
/// </summary>
public sealed class PrimitiveInteropTests
{
    private const string OldChildren = "{\"Instance\": \"2.7\", \"Flavor\": \"1.0\", \"SecurityGroupList\": \"1.0\", \"SecurityGroup\": \"1.0\"}";
    private const string NoGroups = "{\"Instance\": \"2.6\", \"Flavor\": \"1.1\"}";
    private const string ListManifest = "{\"InstanceList\": \"2.1\", \"Instance\": \"2.5\", \"Flavor\": \"1.1\", \"SecurityGroupList\": \"1.1\", \"SecurityGroup\": \"1.0\"}";

    public static TheoryData<string, string?, string?> Cases()
    {
        var data = new TheoryData<string, string?, string?>();
        foreach (var name in new[] { "instance", "changed", "unicode", "microseconds", "sparse", "floats", "bigfloat", "list" })
        {
            data.Add(name, null, null);
        }

        foreach (var version in new[] { "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7" })
        {
            data.Add("changed", version, null);
        }

        data.Add("unicode", "2.4", null);
        data.Add("floats", "1.0", null);
        data.Add("floats", "1.1", null);
        data.Add("list", "2.0", null);
        data.Add("changed", "2.7", OldChildren);
        data.Add("changed", "2.6", NoGroups);
        data.Add("list", "2.1", ListManifest);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bench_writes_the_bytes_oslo_writes(string name, string? target, string? manifest)
    {
        var python = await ObjectsPeer.DumpAsync(name, target, manifest);

        var bench = Encoding.UTF8.GetString(InteropCases.Build(name).ToPrimitiveBytes(target, Manifest(manifest)));

        Assert.Equal(python, bench);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Oslo_reads_what_Bench_writes_and_Bench_reads_what_oslo_writes(string name, string? target, string? manifest)
    {
        var obj = InteropCases.Build(name);
        var bench = obj.ToPrimitiveBytes(target, Manifest(manifest));

        var read = (await ObjectsPeer.ReadAsync([Encoding.UTF8.GetString(bench)])).Single();
        Assert.True(read.GetProperty("ok").GetBoolean(), read.ToString());
        Assert.Equal(target ?? obj.Version.Text, read.GetProperty("version").GetString());

        // Bench reads oslo's rewrite of its primitive: same object, same changes, same bytes again.
        var back = NovaObjects.Registry.FromPrimitive(Encoding.UTF8.GetBytes(read.GetProperty("primitive").GetRawText()));
        Assert.Equal(read.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).Order(StringComparer.Ordinal), back.WhatChanged().Order(StringComparer.Ordinal));
        Assert.Equal(read.GetProperty("primitive").GetRawText(), Encoding.UTF8.GetString(back.ToPrimitiveBytes()));
    }

    public static TheoryData<string, string> BadPrimitives() => new()
    {
        { "unknown object name", "{\"nova_object.name\": \"Toaster\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.0\", \"nova_object.data\": {}}" },
        { "version newer than known", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.3\", \"nova_object.data\": {}}" },
        { "other major version", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.0\", \"nova_object.data\": {}}" },
        { "wrong field type", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {\"memory_mb\": \"lots\"}}" },
        { "list for an integer", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {\"memory_mb\": [1]}}" },
        { "null for a non-nullable field", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {\"flavorid\": null}}" },
        { "bad IPv4 address", "{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.7\", \"nova_object.data\": {\"access_ip_v4\": \"2001:db8::1\"}}" },
        { "bad enum value", "{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.7\", \"nova_object.data\": {\"locked_by\": \"nobody\"}}" },
        { "missing data", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\"}" },
        { "missing name", "{\"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {}}" },
        { "other namespace", "{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"cinder\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {}}" },
        { "nested version newer than known", "{\"nova_object.name\": \"Instance\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"2.7\", \"nova_object.data\": {\"flavor\": {\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.9\", \"nova_object.data\": {}}}}" },
    };

    [Theory]
    [MemberData(nameof(BadPrimitives))]
    public async Task Bad_primitives_are_refused_with_the_exception_oslo_raises(string what, string primitive)
    {
        var python = (await ObjectsPeer.ReadAsync([primitive])).Single();
        Assert.False(python.GetProperty("ok").GetBoolean(), what);

        var error = Assert.Throws<ObjectModelException>(() => NovaObjects.Registry.FromPrimitive(Encoding.UTF8.GetBytes(primitive)));

        Assert.Equal(python.GetProperty("type").GetString(), error.PythonClass);
        if (error.PythonClass is "IncompatibleObjectVersion" or "UnsupportedObjectError")
        {
            Assert.Equal(python.GetProperty("message").GetString(), error.Message); // oslo's own wording
        }
    }

    [Fact]
    public void Coercible_values_in_a_primitive_are_coerced_as_oslo_coerces_them()
    {
        var flavor = NovaObjects.Registry.FromPrimitive<Flavor>("{\"nova_object.name\": \"Flavor\", \"nova_object.namespace\": \"nova\", \"nova_object.version\": \"1.2\", \"nova_object.data\": {\"memory_mb\": \"4096\", \"name\": 5, \"rxtx_factor\": 2, \"is_public\": \"yes\", \"vcpus\": 2.9}}"u8);

        Assert.Equal((4096L, "5", 2.0, true, 2L), (flavor.MemoryMb, flavor.Name, flavor.RxtxFactor, flavor.IsPublic, flavor.Vcpus));
        Assert.Empty(flavor.WhatChanged()); // a primitive without "changes" has none
    }

    private static Dictionary<string, string>? Manifest(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}

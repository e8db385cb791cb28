using System.Text.Json;
using Bench.Objects.Conductor;
using Bench.Objects.Nova;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Objects.Tests;

/// <summary>Bench's conductor on a real broker: called by the real oslo.messaging client and by Bench's indirection API.</summary>
public sealed class ConductorTests(BrokerFixture broker)
{
    [Fact]
    public async Task Python_oslo_client_gets_objects_from_the_CSharp_conductor()
    {
        var (topic, service) = await StartConductorAsync(new InstanceStore(count: 20, hosts: 2));
        await using var _ = service;
        var uuid = SampleInstances.Uuid(3);

        var lines = await PeerProcess.RunAsync("oslo/conductor_client.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic,
            "Instance", "get_by_uuid", $"[\"{uuid}\"]", "{}",
            "Instance", "get_by_uuid", $"[\"{uuid}\"]", "{\"Instance\": \"2.6\", \"Flavor\": \"1.1\", \"SecurityGroupList\": \"1.1\", \"SecurityGroup\": \"1.1\"}",
            "InstanceList", "get_by_host", "[\"compute-1\"]", "{}",
            "Toaster", "get_by_uuid", "[\"x\"]", "{\"Toaster\": \"1.0\"}",
            "Instance", "get_by_uuid", $"[\"{uuid}\"]", "{\"Instance\": \"2.9\"}",
            "Instance", "get_by_uuid", "[42]", "{}",
            "Instance", "get_by_uuid", "[]", "{}",
            "Instance", "no_such_method", "[]", "{}",
            "Instance", "get_by_uuid", "[\"nope\"]", "{}"]);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();

        Assert.Equal(("Instance", "2.7", "1.2", uuid), (Str(results[0], "name"), Str(results[0], "version"), Str(results[0], "flavor_version"), Str(results[0], "uuid")));
        Assert.Empty(results[0].GetProperty("changes").EnumerateArray());
        Assert.Contains("ephemeral_key_uuid", results[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(("2.6", "1.1"), (Str(results[1], "version"), Str(results[1], "flavor_version")));
        Assert.DoesNotContain("ephemeral_key_uuid", results[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(("InstanceList", 10), (Str(results[2], "name"), results[2].GetProperty("count").GetInt32()));
        Assert.Equal("UnsupportedObjectError", Str(results[3], "type"));
        Assert.Equal("IncompatibleObjectVersion", Str(results[4], "type"));
        Assert.Equal("TypeError", Str(results[5], "type"));
        Assert.Equal("TypeError", Str(results[6], "type"));
        Assert.Equal("AttributeError", Str(results[7], "type"));
        Assert.Equal("InstanceNotFound", Str(results[8], "type"));
    }

    [Fact]
    public async Task Remotable_methods_run_over_RPC_without_a_store_and_save_sends_only_changes()
    {
        var store = new InstanceStore(count: 20, hosts: 2);
        var (topic, service) = await StartConductorAsync(store);
        await using var _ = service;
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
        var conductor = new ConductorClient(client, new Target(topic));
        var context = new ObjectContext(NovaObjects.Registry, new RequestContext("u1", "p1", "req-1"), conductor: conductor);

        var instance = await Instance.GetByUuidAsync(context, SampleInstances.Uuid(5));
        Assert.Equal((4005L, "2.7", 0), (instance.Id, instance.Version.Text, instance.WhatChanged().Count));
        var updatedBefore = instance.UpdatedAt;

        instance.TaskState = "rebooting";
        instance.VmState = "active";
        instance.Progress = 30;
        await instance.SaveAsync();
        Assert.Empty(instance.WhatChanged());
        Assert.NotEqual(updatedBefore, instance.UpdatedAt); // the conductor's updates came back
        Assert.Equal(1, store.Saves);

        var again = await Instance.GetByUuidAsync(context, SampleInstances.Uuid(5));
        Assert.Equal(("rebooting", 30L), (again.TaskState, again.Progress));

        var list = await InstanceList.GetByHostAsync(context, "compute-1");
        Assert.Equal(10, list.Count);
        Assert.All(list, i => Assert.Equal("compute-1", i.Host));

        var missing = await Assert.ThrowsAsync<RemoteError>(async () => await Instance.GetByUuidAsync(context, "nope"));
        Assert.Equal("InstanceNotFound", missing.ExceptionClass);
    }

    [Fact]
    public async Task A_pinned_client_gets_its_version_and_a_too_new_reply_is_backported_by_the_conductor()
    {
        var store = new InstanceStore(count: 4, hosts: 1);
        var (topic, service) = await StartConductorAsync(store);
        await using var _ = service;
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
        var conductor = new ConductorClient(client, new Target(topic));
        var pinned = NovaObjects.Registry.WithPins(("Instance", "2.6"), ("Flavor", "1.1"));
        var context = new ObjectContext(pinned, conductor: conductor);

        var instance = await Instance.GetByUuidAsync(context, SampleInstances.Uuid(1));
        Assert.Equal(("2.6", "1.1"), (instance.Version.Text, instance.Flavor.Version.Text));
        Assert.False(instance.IsSet("ephemeral_key_uuid"));

        // A 2.7 primitive reaching the pinned side (e.g. from a newer service) is refused locally and backported remotely.
        var newer = SampleInstances.Create(2).ToPrimitiveBytes();
        var backported = await conductor.BackportAsync<Instance>(context, newer, "Instance");
        Assert.True(backported.IsOk);
        Assert.Equal("2.6", backported.Value!.Version.Text);
        Assert.Throws<Model.ObjectModelException>(() => pinned.FromPrimitive(newer));
    }

    private async Task<(string Topic, Service Service)> StartConductorAsync(InstanceStore store)
    {
        var topic = BrokerFixture.UniqueName("conductor");
        var service = await Service.StartAsync(broker.Uri.Uri, new ConductorManager(NovaObjects.Registry, store, RemoteCall.NovaMethods()), new ServiceOptions { Topic = topic, Host = "c1" });
        return (topic, service);
    }

    private static string? Str(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.String ? e.GetProperty(name).GetString() : e.GetProperty(name).ToString();
}

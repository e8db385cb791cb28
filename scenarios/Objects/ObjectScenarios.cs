using Bench.Load;
using Bench.Objects;
using Bench.Objects.Conductor;
using Bench.Objects.Nova;
using Bench.Rpc;
using Bench.Scenarios.Catalog;

namespace Bench.Scenarios.Objects;

/// <summary>
/// The object scenarios (Nova's object model through a conductor): each step is what a compute node does — a
/// remotable method through the indirection API, with the object model's whole cost on the client (manifest, args,
/// reading the primitive into typed objects) and on the conductor (reading, the store, writing the primitive back).
///   objects.get       Instance.get_by_uuid (object_class_action_versions returning an Instance)
///   objects.save      Instance.save with 3 changed fields (object_action; only those fields and the identity are sent)
///   objects.list      InstanceList.get_by_host (an InstanceList of 100)
///   objects.backport  get_by_uuid from a client pinned at Instance 2.6, one minor older: the conductor backports
/// </summary>
internal static class ObjectScenarios
{
    /// <summary>The conductor's store: 1,000 instances over 10 hosts, so a host has the 100 instances objects.list reads.</summary>
    public const int Instances = 1000;

    public const int Hosts = 10;

    public const string PinnedInstanceVersion = "2.6";

    public static bool Is(string id) => id is ScenarioIds.ObjectsGet or ScenarioIds.ObjectsSave or ScenarioIds.ObjectsList or ScenarioIds.ObjectsBackport;

    /// <summary>The conductor method a scenario calls (for a worker-side rate limit).</summary>
    public static string MethodOf(string id) => id == ScenarioIds.ObjectsSave ? "object_action" : "object_class_action_versions";

    public static Func<StepContext, ValueTask<StepResult>> BuildStep(string id, RpcClient[] clients, Target target, TimeSpan timeout)
    {
        var registry = id == ScenarioIds.ObjectsBackport ? NovaObjects.Registry.WithPins(("Instance", PinnedInstanceVersion)) : NovaObjects.Registry;
        var request = new RequestContext("bench", "bench", "req-bench-objects");
        var contexts = Array.ConvertAll(clients, c => new ObjectContext(registry, request, conductor: new ConductorClient(c, target, timeout)));
        var uuids = Enumerable.Range(0, Instances).Select(SampleInstances.Uuid).ToArray();
        var hosts = Enumerable.Range(0, Hosts).Select(h => SampleInstances.Host(h, Hosts)).ToArray();
        return id switch
        {
            ScenarioIds.ObjectsGet or ScenarioIds.ObjectsBackport => ctx =>
                Map(Instance.TryGetByUuidAsync(contexts[Pick(ctx, contexts.Length)], uuids[ctx.Invocation % Instances])),
            ScenarioIds.ObjectsList => ctx =>
                Map(InstanceList.TryGetByHostAsync(contexts[Pick(ctx, contexts.Length)], hosts[ctx.Invocation % Hosts])),
            ScenarioIds.ObjectsSave => ctx =>
            {
                var i = (int)(ctx.Invocation % Instances);
                var instance = Instance.Reference(contexts[Pick(ctx, contexts.Length)], uuids[i], 4000 + i);
                instance.TaskState = (ctx.Invocation & 1) == 0 ? "rebooting" : null;
                instance.VmState = "active";
                instance.Progress = ctx.Invocation % 100;
                return Map(instance.TrySaveAsync());
            },
            _ => throw new InvalidOperationException("not an object scenario: " + id),
        };
    }

    private static int Pick(StepContext ctx, int count) => count == 1 ? 0 : (int)((ctx.VirtualUser >= 0 ? ctx.VirtualUser : ctx.Invocation) % count);

    private static ValueTask<StepResult> Map<T>(ValueTask<ObjectCallResult<T>> call) =>
        call.IsCompletedSuccessfully ? new(Map(call.Result)) : MapAsync(call);

    private static async ValueTask<StepResult> MapAsync<T>(ValueTask<ObjectCallResult<T>> call) => Map(await call);

    private static StepResult Map<T>(ObjectCallResult<T> result) => StepOutcomes.Map(new CallResult(result.Outcome, result.Error));

    /// <summary>The conductor a worker hosts: a store seeded with <see cref="Instances"/> instances over <see cref="Hosts"/> hosts.</summary>
    public static ConductorManager CreateConductor() =>
        new(NovaObjects.Registry, new InstanceStore(Instances, Hosts), RemoteCall.NovaMethods());
}

using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Objects;
using Bench.Objects.Conductor;
using Bench.Objects.Model;
using Bench.Objects.Nova;
using Bench.Rpc;

namespace Bench.Scenarios.Objects;

/// <summary>
/// The object scenarios (Nova's object model through a conductor): each step is what a compute node does — a
/// remotable method through the indirection API, with the object model's whole cost on the client (manifest, args,
/// reading the primitive into typed objects) and on the conductor (reading, the store, writing the primitive back).
/// The workers host the conductor (<see cref="NovaConductor"/>), its store seeded with <see cref="Instances"/> instances.
/// </summary>
internal abstract class ObjectScenario(string id, string summary) : WorkerScenario(id, summary, ScenarioKind.Call)
{
    public const int Instances = NovaConductor.Instances;

    public const int Hosts = NovaConductor.Hosts;

    public override WorkerRole Role => WorkerRole.Conductor;

    public override string RateLimitedMethod => "object_class_action_versions";

    protected override IEnumerable<SettingOption> Recorded =>
        [.. base.Recorded, OptionTable.Envelope, OptionTable.WorkerRateLimit, OptionTable.Transport, OptionTable.HandlerTimeout];

    /// <summary>The object registry the client speaks (a pinned one for the backport scenario).</summary>
    protected virtual ObjectRegistry Registry => NovaObjects.Registry;

    /// <summary>One compute-node request through a context, built once per run.</summary>
    protected abstract Func<ObjectContext, StepContext, ValueTask<StepResult>> BuildRequest();

    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var request = new RequestContext("bench", "bench", "req-bench-objects");
        var registry = Registry;
        var contexts = Array.ConvertAll(run.Clients, c => new ObjectContext(registry, request, conductor: new ConductorClient(c, run.Target, run.Timeout)));
        var send = BuildRequest();
        return ctx => send(contexts[Pick(ctx, contexts.Length)], ctx);
    }

    /// <summary>Every instance's uuid, formatted once per run (request i reads instance i mod <see cref="Instances"/>).</summary>
    protected static string[] Uuids() => [.. Enumerable.Range(0, Instances).Select(SampleInstances.Uuid)];

    protected static ValueTask<StepResult> Map<T>(ValueTask<ObjectCallResult<T>> call) =>
        call.IsCompletedSuccessfully ? new(Map(call.Result)) : MapAsync(call);

    private static async ValueTask<StepResult> MapAsync<T>(ValueTask<ObjectCallResult<T>> call) => Map(await call);

    private static StepResult Map<T>(ObjectCallResult<T> result) => StepOutcomes.Map(new CallResult(result.Outcome, result.Error));
}

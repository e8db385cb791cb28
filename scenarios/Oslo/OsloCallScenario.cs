using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>An oslo call of one of the benchmark manager's methods on Bench's workers: the round trip is the figure.</summary>
internal abstract class OsloCallScenario : WorkerScenario
{
    public override ScenarioKind Kind => ScenarioKind.Call;

    /// <summary>The manager's method.</summary>
    protected abstract string Method { get; }

    public override string RateLimitedMethod => Method;

    public override string? Baseline => "raw.call";

    public override bool StampsHops => true;

    protected override IEnumerable<SettingOption> Recorded =>
        [.. base.Recorded, OptionTable.Envelope, OptionTable.WorkerRateLimit, OptionTable.Transport, OptionTable.HandlerTimeout,
            OptionTable.Hops, OptionTable.Ttl, OptionTable.ReplyPersistent, OptionTable.ReplyMandatory, OptionTable.ReplyChannel];

    /// <summary>The call's arguments, encoded once per run.</summary>
    protected abstract RpcArgs Args(ScenarioSettings settings);

    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var (method, args, target, clients, timeout) = (Method, Args(run.Settings), run.Target, run.Clients, run.Timeout);
        return ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].TryCallAsync(target, method, args, timeout, discardResult: true));
    }
}

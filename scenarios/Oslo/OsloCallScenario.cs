using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>An oslo call of one of the benchmark manager's methods on Bench's workers: the round trip is the figure.</summary>
/// <param name="method">The manager's method.</param>
/// <param name="shorthand">Whether `--method METHOD` picks this scenario (call.nova calls echo too: only call.echo answers to it).</param>
/// <param name="argument">The setting its arguments are made from, recorded in its settings key; null for fixed arguments.</param>
internal abstract class OsloCallScenario(string id, string summary, string method, bool shorthand = false, SettingOption? argument = null)
    : WorkerScenario(id, summary, ScenarioKind.Call)
{
    private readonly SettingOption[] _argumentSettings = argument is null ? [] : [argument];

    public override string RateLimitedMethod => method;

    public override string? MethodShorthand => shorthand ? method : null;

    public override string? Baseline => "raw.call";

    public override bool StampsHops => true;

    protected override IEnumerable<SettingOption> Recorded =>
        [.. base.Recorded, OptionTable.Envelope, OptionTable.WorkerRateLimit, OptionTable.Transport, OptionTable.HandlerTimeout,
            OptionTable.Hops, OptionTable.Ttl, OptionTable.ReplyPersistent, OptionTable.ReplyMandatory, OptionTable.ReplyChannel,
            .. _argumentSettings];

    /// <summary>The call's arguments, encoded once per run.</summary>
    protected abstract RpcArgs Args(ScenarioSettings settings);

    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var (called, args, target, clients, timeout) = (method, Args(run.Settings), run.Target, run.Clients, run.Timeout);
        return ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].TryCallAsync(target, called, args, timeout, discardResult: true));
    }
}

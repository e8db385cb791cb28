using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;

namespace Bench.Scenarios.Oslo;

/// <summary>
/// oslo casts of count(payload) to Bench's workers, each stamped with its send time: the workers count and time every
/// delivery (one-way latency), and throughput is their drain, from first to last arrival.
/// </summary>
/// <param name="baseline">The raw baseline it is measured beside, if any.</param>
/// <param name="keepsCastLedger">Whether, under faults, every delivery is counted by unique id (see CastLedgerFile).</param>
internal abstract class OsloCastScenario(string id, string summary, ScenarioKind kind, string? baseline = null, bool keepsCastLedger = false)
    : WorkerScenario(id, summary, kind)
{
    public override string? Baseline => baseline;

    public override bool KeepsCastLedger => keepsCastLedger;

    public override string RateLimitedMethod => "count";

    protected override IEnumerable<SettingOption> Recorded =>
        [.. base.Recorded, OptionTable.Payload, OptionTable.Envelope, OptionTable.WorkerRateLimit, OptionTable.Confirms, OptionTable.HandlerTimeout];

    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var args = Payloads.Payloads.Echo(run.Settings.PayloadBytes);
        var target = Kind == ScenarioKind.Fanout ? run.Target.AsFanout() : run.Target;
        var clients = run.Clients;
        return ctx => StepOutcomes.FromCast(clients[Pick(ctx, clients.Length)].CastAsync(target, "count", args, null, stampSendTime: true));
    }
}

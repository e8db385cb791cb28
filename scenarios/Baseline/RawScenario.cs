using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;

namespace Bench.Scenarios.Baseline;

/// <summary>
/// The raw baseline: plain RabbitMQ.Client request/reply or publish to a plain consumer in the same worker process,
/// with the same route, ack mode, queue type and client connections as the scenario it stands beside, so the
/// difference is what the RPC layer costs. Its payload defaults to what call.add sends as arguments (16 bytes).
/// raw.call and raw.cast differ only in their kind: a call waits for the echo, a cast is counted at the consumer.
/// </summary>
internal abstract class RawScenario(string id, string summary, ScenarioKind kind) : WorkerScenario(id, summary, kind)
{
    public override WorkerRole Role => WorkerRole.Raw;

    public override string DefaultRoute => "queue";

    public override ScenarioSettings Defaults => new() { PayloadBytes = Payloads.Payloads.AddBytes };

    protected override IEnumerable<SettingOption> Recorded => [.. base.Recorded, OptionTable.Payload];

    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var (payload, clients, timeout) = (Payloads.Payloads.Raw(run.Settings.PayloadBytes), run.RawClients, run.Timeout);
        return Kind == ScenarioKind.Call
            ? ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].CallAsync(payload, timeout))
            : ctx => StepOutcomes.FromCast(clients[Pick(ctx, clients.Length)].CastAsync(payload));
    }
}

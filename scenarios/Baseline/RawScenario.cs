using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Workers;

namespace Bench.Scenarios.Baseline;

/// <summary>
/// The raw baseline: plain RabbitMQ.Client request/reply or publish to a plain consumer in the same worker process,
/// with the same route, ack mode, queue type and client connections as the scenario it stands beside, so the
/// difference is what the RPC layer costs. Its payload defaults to what call.add sends as arguments (16 bytes).
/// </summary>
internal abstract class RawScenario(string id, string summary, ScenarioKind kind) : WorkerScenario(id, summary, kind)
{
    public override WorkerRole Role => WorkerRole.Raw;

    public override string DefaultRoute => "queue";

    public override ScenarioSettings Defaults => new() { PayloadBytes = Payloads.Payloads.Add.Json.Length };

    protected override IEnumerable<SettingOption> Recorded => [.. base.Recorded, OptionTable.Payload];
}

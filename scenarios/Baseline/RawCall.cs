using Bench.Harness.Definitions;

namespace Bench.Scenarios.Baseline;

/// <summary>raw.call: plain RabbitMQ.Client request/reply to a raw echo consumer — the broker's ceiling for a call.</summary>
internal sealed class RawCall() : RawScenario(
    "raw.call", "plain RabbitMQ.Client request/reply to a raw echo consumer (the ceiling for a call)", ScenarioKind.Call);

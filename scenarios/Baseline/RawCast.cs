using Bench.Harness.Definitions;

namespace Bench.Scenarios.Baseline;

/// <summary>raw.cast: plain RabbitMQ.Client publish to a raw consumer, measured at the consumer — the ceiling for a cast.</summary>
internal sealed class RawCast() : RawScenario(
    "raw.cast", "plain RabbitMQ.Client publish to a raw consumer, measured there (the ceiling for a cast)", ScenarioKind.Cast);

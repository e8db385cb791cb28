using Bench.Harness.Definitions;

namespace Bench.Scenarios.Oslo;

/// <summary>cast.count: oslo casts counted and timed at the worker (one-way latency, drain throughput).</summary>
internal sealed class CastCount() : OsloCastScenario(
    "cast.count", "oslo casts, counted and timed at the worker", ScenarioKind.Cast, baseline: "raw.cast", keepsCastLedger: true)
{
    // raw.cast's default --payload (16, the size of add's arguments), so that the pair a run reports compares like with like.
    public override ScenarioSettings Defaults => new() { PayloadBytes = Payloads.Payloads.AddBytes };
}

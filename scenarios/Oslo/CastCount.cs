using Bench.Harness.Definitions;

namespace Bench.Scenarios.Oslo;

/// <summary>cast.count: oslo casts counted and timed at the worker (one-way latency, drain throughput).</summary>
internal sealed class CastCount : OsloCastScenario
{
    public override string Id => "cast.count";

    public override string Summary => "oslo casts, counted and timed at the worker";

    public override ScenarioKind Kind => ScenarioKind.Cast;

    public override bool KeepsCastLedger => true;

    public override string? Baseline => "raw.cast";
}

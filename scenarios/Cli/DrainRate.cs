using Bench.Harness.Definitions;
using Bench.Reporting;

namespace Bench.Scenarios.Cli;

/// <summary>
/// A spec whose rate is a fraction of the drain rate gets its rate from the newest closed-model run of the same
/// scenario in this run (the flood just before it); the recorded settings keep the fraction.
/// </summary>
internal static class DrainRate
{
    public static ScenarioSpec Resolve(ScenarioSpec spec, IReadOnlyList<ScenarioRecord> done)
    {
        if (spec.Settings.RateOfDrain is not { } fraction)
        {
            return spec;
        }

        var flood = done.LastOrDefault(r => r.Id == spec.Id && r.Model == "closed" && r.Throughput > 0)
            ?? throw new InvalidOperationException($"{spec.Id} at {fraction:0%} of its drain rate needs a closed-model run of {spec.Id} before it in the same run");
        return spec with { Settings = spec.Settings with { Rate = Math.Max(1, Math.Round(flood.Throughput * fraction)) } };
    }
}

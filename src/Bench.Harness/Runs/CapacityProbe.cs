using System.Globalization;
using Bench.Harness.Definitions;
using Bench.Load;
using Bench.Reporting;
using Bench.Reporting.Sweeps;

namespace Bench.Harness.Runs;

/// <summary>
/// Resolves a spec given as a fraction of capacity (<see cref="ScenarioSettings.RateOfCapacity"/>): short open-model
/// steps at rising rates (<see cref="CapacitySearch.Ladder"/>, scaled by the same scenario's closed-model drain just
/// measured in this run), stopped at the first that fails; the spec then runs at the fraction of the highest rate that
/// passed. The steps are not recorded as scenarios of their own: the measured scenario carries them in its
/// <see cref="ScenarioRecord.RateChoice"/>.
/// </summary>
public static class CapacityProbe
{
    /// <summary>Each step's measured seconds: a few thousand requests at these rates, enough for a p99 and for late starts to show.</summary>
    public const double StepSeconds = 2;

    /// <summary>Each step's warm-up: connections and the worker's JIT settle before the step counts.</summary>
    public const double StepWarmUpSeconds = 0.5;

    /// <summary>The spec at its chosen rate and how the rate was chosen; the spec unchanged (and null) when it gives no fraction of capacity.</summary>
    public static async Task<(ScenarioSpec Spec, RateChoiceRecord? Choice)> ResolveAsync(
        ScenarioSpec spec, RunSession session, Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(session);
        if (spec.Settings.RateOfCapacity is not { } fraction)
        {
            return (spec, null);
        }

        var flood = session.Result.Scenarios.LastOrDefault(r => r.Id == spec.Id && r.Model == "closed" && r.Throughput > 0)
            ?? throw new InvalidOperationException($"{spec.Id} at {fraction:0%} of its capacity needs a closed-model run of {spec.Id} before it in the same run (its drain scales the rate search)");
        var basis = string.Create(CultureInfo.InvariantCulture, $"{spec.Id}'s closed-model drain in this run, {flood.Throughput:N0}/s");
        var steps = new List<RateStepRecord>();
        foreach (var rate in CapacitySearch.Ladder(flood.Throughput))
        {
            cancellation.ThrowIfCancellationRequested();
            var settings = spec.Settings with { Rate = rate, RateOfCapacity = null, RampTo = null, Requests = null, DurationSeconds = StepSeconds, WarmUpSeconds = StepWarmUpSeconds };
            ScenarioRecord record;
            await using (var run = spec.Scenario.CreateRun(session, spec with { Settings = settings }))
            {
                record = await run.RunAsync(onProgress, cancellation);
            }

            var step = new RateStepRecord
            {
                Offered = rate,
                Achieved = Math.Round(record.Throughput, 1),
                Issued = record.Counts.Issued,
                LateStarts = record.Counts.LateStarts,
                P99Us = record.Latency.Corrected.P99Us,
            };
            steps.Add(step);
            if (CapacitySearch.Failure(step, steps[0]) is not null)
            {
                break;
            }
        }

        var choice = CapacitySearch.Choose(basis, steps, fraction);
        return (spec with { Settings = spec.Settings with { Rate = choice.RatePerSecond } }, choice);
    }
}

using System.Globalization;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// Finds an open model's capacity from a short rate search and picks the rate to measure at below it. The steps rise
/// as fractions of the same scenario's closed-model drain (<see cref="Ladder"/>); a later step passes when its late
/// starts stay within <see cref="LateTolerance"/> of what it issued, or <see cref="LateGrowth"/>× the first step's
/// fraction when that is higher, and it is below the <see cref="Knee"/> (p99 within 2× of the first step's, ok/s
/// within 5% of the offered rate). The first step fails only by falling short of its rate. The capacity is the highest rate below the first step
/// that fails, and the run is measured at a stated fraction of it. Why: the open model costs the client far more per
/// request than a flood (a scheduler thread, a clock read and a sleep per request), so a fraction of the flood's drain
/// is not below what the whole system can do; this measures what it can.
/// </summary>
public static class CapacitySearch
{
    /// <summary>Late starts a passing step may have: 0.1% of what it issued (a step of a few thousand requests may see one pause).</summary>
    public const double LateTolerance = 0.001;

    /// <summary>
    /// How many times the first step's late-start fraction a later step may have. The generator has a floor of late
    /// starts that does not depend on the rate (measured here: 1–3% from 126/s to 2,223/s, up to 14 ms late: the
    /// scheduler thread stalled, not the system), so late starts mark capacity only where they grow with the rate.
    /// </summary>
    public const double LateGrowth = 2;

    /// <summary>The search's steps, as fractions of the drain: rising, stopped at the first step that fails.</summary>
    public static IReadOnlyList<double> LadderFractions { get; } = [0.025, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6];

    /// <summary>The offered rates of the steps for a drain of <paramref name="drainPerSecond"/>, whole requests per second, at least 1.</summary>
    public static IReadOnlyList<double> Ladder(double drainPerSecond) =>
        [.. LadderFractions.Select(f => Math.Max(1, Math.Round(drainPerSecond * f))).Distinct()];

    /// <summary>Why <paramref name="step"/> fails (late starts grown past the first step's, or past the knee measured from <paramref name="first"/>), or null when it passes.</summary>
    public static string? Failure(RateStepRecord step, RateStepRecord first)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(first);
        var floor = ReferenceEquals(step, first) ? 0 : Math.Max(LateTolerance, LateGrowth * LateFraction(first));
        if (!ReferenceEquals(step, first) && LateFraction(step) > floor)
        {
            return F($"{step.LateStarts:N0} late starts of {step.Issued:N0} ({LateFraction(step):0.0#%}, over {floor:0.0#%})");
        }

        // The knee of the two-point curve [first, step]: index 1 is this step past it; index 0 is the first step's own shortfall.
        var knee = Knee.Find([new RatePoint(first.Offered, first.Achieved, first.P99Us), new RatePoint(step.Offered, step.Achieved, step.P99Us)]);
        return knee is { Index: 1 } || (knee is { Index: 0 } && ReferenceEquals(step, first)) ? knee.Why : null;
    }

    /// <summary>
    /// The rate to measure at: <paramref name="fraction"/> of the capacity the steps show (the highest passing rate
    /// before the first failure). When the first step already fails, the capacity is taken as half of it: the search's
    /// lowest rate was too high, and measuring at it would measure the overload.
    /// </summary>
    public static RateChoiceRecord Choose(string basis, IReadOnlyList<RateStepRecord> steps, double fraction)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || fraction <= 0 || fraction > 1)
        {
            throw new ArgumentException("a capacity search needs at least one step and a fraction in (0, 1]");
        }

        var judged = new List<RateStepRecord>();
        foreach (var step in steps)
        {
            var failure = Failure(step, steps[0]);
            judged.Add(step with { Failure = failure });
            if (failure is not null)
            {
                break; // the steps past the first failure are not run; any given are not judged
            }
        }

        var passed = judged.LastOrDefault(s => s.Failure is null);
        var capacity = passed?.Offered ?? steps[0].Offered / 2;
        var rate = Math.Max(1, Math.Round(capacity * fraction));
        var capacityText = passed is null
            ? F($"half the search's lowest rate ({steps[0].Offered:N0}/s failed: {judged[0].Failure})")
            : judged.Count == steps.Count && judged[^1].Failure is null
                ? F($"{capacity:N0}/s (the highest step; every step passed)")
                : F($"{capacity:N0}/s (the step after it failed: {judged[^1].Failure})");
        return new RateChoiceRecord
        {
            Basis = basis,
            Steps = judged,
            CapacityPerSecond = capacity,
            Fraction = fraction,
            RatePerSecond = rate,
            Why = F($"rate {rate:N0}/s = {fraction:0.##%} of the open model's capacity, {capacityText}; steps: ")
                + string.Join(", ", judged.Select(s => F($"{s.Offered:N0}/s {(s.Failure is null ? "ok" : "failed")} (late {s.LateStarts:N0}, p99 {s.P99Us / 1000:0.0} ms)"))),
        };
    }

    private static double LateFraction(RateStepRecord step) => step.Issued == 0 ? 0 : (double)step.LateStarts / step.Issued;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

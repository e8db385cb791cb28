using System.Globalization;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// The knee of a rate–latency curve: the first offered rate (ascending) where p99 is more than twice its value at the
/// lowest rate, or the achieved rate falls more than 5% short of the offered one. Past it the system is saturated:
/// requests queue, so latency is no longer service time.
/// </summary>
public sealed record Knee(int Index, double Offered, string Why)
{
    public const double LatencyFactor = 2;

    public const double Shortfall = 0.05;

    /// <param name="points">Sorted by offered rate, ascending.</param>
    /// <returns>Null when the curve has no knee within the rates measured.</returns>
    public static Knee? Find(IReadOnlyList<RatePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return null;
        }

        var baseP99 = points[0].P99Us;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.Offered > 0 && p.Achieved < p.Offered * (1 - Shortfall))
            {
                return new Knee(i, p.Offered, string.Create(CultureInfo.InvariantCulture,
                    $"achieved {p.Achieved:N0}/s of {p.Offered:N0}/s offered ({(p.Achieved - p.Offered) / p.Offered:+0.0%;-0.0%})"));
            }

            if (i > 0 && baseP99 > 0 && p.P99Us > baseP99 * LatencyFactor)
            {
                return new Knee(i, p.Offered, string.Create(CultureInfo.InvariantCulture,
                    $"p99 {p.P99Us:N0} µs, {p.P99Us / baseP99:0.0}× its {baseP99:N0} µs at {points[0].Offered:N0}/s"));
            }
        }

        return null;
    }
}

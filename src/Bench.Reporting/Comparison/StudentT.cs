using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Pragmastat; // Probability: Perfolizer 0.6 moved it to its dependency Pragmastat

namespace Bench.Reporting.Comparison;

/// <summary>
/// Student's t distribution, from Perfolizer (it replaced a hand-written incomplete-beta version: the two agreed to
/// 1e-5 relative in p and 1e-8 in quantiles over df 1–100, and Perfolizer's is faster; docs/history-and-ab.md).
/// </summary>
public static class StudentT
{
    /// <summary>P(|T| ≥ |t|) for T with <paramref name="df"/> degrees of freedom (df may be fractional, as Welch's is).</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0))
        {
            return 1;
        }

        return double.IsInfinity(t) ? 0 : Math.Clamp(2 * new StudentDistribution(df).Cdf(-Math.Abs(t)), 0, 1);
    }

    /// <summary>The t such that P(T ≤ t) = <paramref name="probability"/> (0.5 &lt; probability &lt; 1).</summary>
    public static double Quantile(double probability, double df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probability, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1);
        return new StudentDistribution(df).Quantile(new Probability(probability));
    }
}

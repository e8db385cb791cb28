namespace Bench.Reporting.Comparison;

/// <summary>
/// The test behind a verdict: one figure (throughput, p50, p99…) per repetition on each side, compared on the log
/// scale (changes are ratios, and run-to-run noise is multiplicative). Welch's t-test when both sides have two or more
/// repetitions; with only one side repeated, that side's spread stands for both (Student's t). Run-to-run noise is
/// then part of the test, which per-second samples of one run (autocorrelated, and blind to it) never were.
/// It also says what the comparison could have seen: the smallest change detectable at 95% power.
/// </summary>
public static class RepetitionTest
{
    public const double Power = 0.95;

    /// <summary>The outcome: the relative change of the geometric means, its p-value and the minimum detectable change.</summary>
    public readonly record struct Outcome(double Change, double? P, double? MinDetectableChange, double? StandardError, double? DegreesOfFreedom);

    public static Outcome Compare(IReadOnlyList<double> baseValues, IReadOnlyList<double> diffValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(baseValues);
        ArgumentNullException.ThrowIfNull(diffValues);
        var b = Logs(baseValues);
        var d = Logs(diffValues);
        if (b.Length == 0 || d.Length == 0)
        {
            return new Outcome(0, null, null, null, null);
        }

        var change = Math.Exp(d.Average() - b.Average()) - 1;
        double se, df;
        if (b.Length >= 2 && d.Length >= 2)
        {
            var (vb, vd) = (Variance(b) / b.Length, Variance(d) / d.Length);
            se = Math.Sqrt(vb + vd);
            df = vb + vd == 0 ? b.Length + d.Length - 2 : (vb + vd) * (vb + vd) / ((vb * vb / (b.Length - 1)) + (vd * vd / (d.Length - 1)));
        }
        else if (b.Length >= 2 || d.Length >= 2)
        {
            var spread = b.Length >= 2 ? b : d;
            var variance = Variance(spread);
            se = Math.Sqrt(variance * ((1.0 / b.Length) + (1.0 / d.Length)));
            df = spread.Length - 1;
        }
        else
        {
            return new Outcome(change, null, null, null, null); // one repetition a side: no estimate of run-to-run noise
        }

        var diff = d.Average() - b.Average();
        double p = se == 0 ? (diff == 0 ? 1 : 0) : StudentT.TwoSidedP(diff / se, df);
        return new Outcome(change, p, MinDetectable(se, df, alpha), se, df);
    }

    /// <summary>The smallest relative change the test would find with probability <see cref="Power"/> (two-sided, at alpha).</summary>
    public static double MinDetectable(double standardError, double df, double alpha) =>
        Math.Exp((StudentT.Quantile(1 - (alpha / 2), df) + StudentT.Quantile(Power, df)) * standardError) - 1;

    /// <summary>
    /// Repetitions a side that would bring the minimum detectable change under <paramref name="target"/>, assuming the
    /// spread seen so far (a planning figure, not a promise); null when even 1,000 would not.
    /// </summary>
    public static int? RepetitionsFor(double target, double standardError, int baseCount, int diffCount, double alpha)
    {
        // se² = σ²(1/nb + 1/nd): recover σ², then try n = nb = nd.
        var sigma2 = standardError * standardError / ((1.0 / baseCount) + (1.0 / diffCount));
        for (var n = 2; n <= 1000; n++)
        {
            if (MinDetectable(Math.Sqrt(sigma2 * 2 / n), (2 * n) - 2, alpha) < target)
            {
                return n;
            }
        }

        return null;
    }

    private static double[] Logs(IReadOnlyList<double> values) => [.. values.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Log(v))];

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}

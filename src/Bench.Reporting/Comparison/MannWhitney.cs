namespace Bench.Reporting.Comparison;

/// <summary>
/// The two-sided Mann–Whitney U test (normal approximation with tie correction and continuity correction): does one
/// set of per-second samples tend to be larger than the other? Rank-based, so one wild second does not decide it.
/// Kept by hand rather than Perfolizer's MannWhitneyTest (0.3.17 and 0.6.1 alike): that one takes the exact distribution for small
/// samples without a tie correction (0.589 against scipy's tie-corrected 0.550 on the tied case in MannWhitneyTests),
/// and BenchmarkDotNet's rounded samples and per-second figures do tie.
/// </summary>
public static class MannWhitney
{
    /// <summary>The two-sided p-value; 1 when either side has fewer than 3 samples or all samples are equal.</summary>
    public static double PValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n1 = a.Count, n2 = b.Count;
        if (n1 < 3 || n2 < 3)
        {
            return 1;
        }

        var all = a.Select(v => (Value: v, First: true)).Concat(b.Select(v => (Value: v, First: false))).OrderBy(x => x.Value).ToArray();
        var n = all.Length;
        double rankSumA = 0, tieTerm = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1; // average rank of the tied run
            for (var k = i; k <= j; k++)
            {
                if (all[k].First)
                {
                    rankSumA += rank;
                }
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var u = rankSumA - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * n2 / 2.0;
        var variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1.0))));
        if (variance <= 0)
        {
            return 1;
        }

        var z = (Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Clamp(2 * (1 - NormalCdf(Math.Max(z, 0))), 0, 1);
    }

    /// <summary>Φ(x) through erf (Abramowitz and Stegun 7.1.26; error below 1.5e-7, ample for a p-value).</summary>
    public static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - (((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}

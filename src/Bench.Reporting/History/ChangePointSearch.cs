using Bench.Reporting.Comparison;

namespace Bench.Reporting.History;

/// <summary>
/// E-Divisive means, as MongoDB's and Apache Otava's (formerly Hunter) change-point detection uses it: the split that
/// maximizes the energy statistic (Matteson and James, α = 1) is a candidate; it stands when Student's t-test between
/// the two sides gives p &lt; <see cref="MaxP"/> and the shift is at least <see cref="MinShift"/>; each side is then
/// searched again (binary segmentation). Otava tests significance with a t-test instead of E-Divisive's permutations,
/// so the answer is deterministic; so does this (Perfolizer's Student t, through <see cref="StudentT"/>). Perfolizer's ED-PELT was measured first and missed a 10% step three
/// nights before the end in ~15% of trials (docs/history-and-ab.md), so it is not used here.
/// Log-scaled series (throughput, latency) are searched on the log of each night, so a shift is a ratio and the
/// multiplicative noise of shared runners is even; error rates are searched as they are.
/// </summary>
public static class ChangePointSearch
{
    /// <summary>The fewest nights either side of a change point: one odd night at either end is not a level.</summary>
    public const int MinNights = 3;

    /// <summary>The t-test's threshold; with <see cref="MinShift"/> it keeps false change points under 1 per 100 nights (selftest).</summary>
    public const double MaxP = 0.01;

    /// <summary>The smallest shift reported on a log scale (4%): a slow drift is not cut into steps.</summary>
    public const double MinShift = 0.04;

    /// <summary>The smallest shift reported on a linear (error-rate) scale: ComparisonOptions.ErrorRateFloor.</summary>
    public const double MinAbsoluteShift = 0.001;

    /// <summary>Change points in <paramref name="series"/>, oldest first. Non-positive values of a log-scaled series are skipped by the caller.</summary>
    public static List<ChangePoint> Find(IReadOnlyList<double> series, bool logScale)
    {
        ArgumentNullException.ThrowIfNull(series);
        var x = logScale ? [.. series.Select(v => Math.Log(v))] : series.ToArray();
        var minShift = logScale ? Math.Log(1 + MinShift) : MinAbsoluteShift;
        var splits = new List<int>();
        var pending = new Stack<(int Lo, int Hi)>();
        pending.Push((0, x.Length));
        while (pending.Count > 0)
        {
            var (lo, hi) = pending.Pop();
            if (hi - lo < 2 * MinNights || BestSplit(x, lo, hi) is not { } tau)
            {
                continue;
            }

            var test = Test(x, lo, tau, hi);
            if (test.P < MaxP && Math.Abs(test.Diff) >= minShift)
            {
                splits.Add(tau);
                pending.Push((lo, tau));
                pending.Push((tau, hi));
            }
        }

        splits.Sort();
        var points = new List<ChangePoint>(splits.Count);
        for (var i = 0; i < splits.Count; i++)
        {
            // Size and significance against the neighbouring segments only: each level is the one between change points.
            var lo = i == 0 ? 0 : splits[i - 1];
            var hi = i == splits.Count - 1 ? x.Length : splits[i + 1];
            var test = Test(x, lo, splits[i], hi);
            var half = test.Df >= 1 && test.Se > 0 ? StudentT.Quantile(0.975, test.Df) * test.Se : 0;
            points.Add(logScale
                ? new ChangePoint(splits[i], Math.Exp(test.Diff) - 1, Math.Exp(test.Diff - half) - 1, Math.Exp(test.Diff + half) - 1, test.P, splits[i] - lo, hi - splits[i])
                : new ChangePoint(splits[i], test.Diff, test.Diff - half, test.Diff + half, test.P, splits[i] - lo, hi - splits[i]));
        }

        return points;
    }

    /// <summary>The split of x[lo..hi) with the largest energy statistic q̂ = mn/(m+n)·ê, each side at least <see cref="MinNights"/>.</summary>
    private static int? BestSplit(double[] x, int lo, int hi)
    {
        var n = hi - lo;
        // prefix[i, j] = Σ |x_a − x_b| over lo ≤ a < lo+i, lo ≤ b < lo+j: every block sum in O(1).
        var prefix = new double[n + 1, n + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= n; j++)
            {
                prefix[i, j] = Math.Abs(x[lo + i - 1] - x[lo + j - 1]) + prefix[i - 1, j] + prefix[i, j - 1] - prefix[i - 1, j - 1];
            }
        }

        double Block(int a0, int a1, int b0, int b1) => prefix[a1, b1] - prefix[a0, b1] - prefix[a1, b0] + prefix[a0, b0];
        int? best = null;
        var bestQ = double.NegativeInfinity;
        for (var t = MinNights; t <= n - MinNights; t++)
        {
            double m = t, k = n - t;
            var between = 2 * Block(0, t, t, n) / (m * k);
            var left = Block(0, t, 0, t) / (m * (m - 1)); // each pair counted twice in the full block: Σ_{a<b} / C(m,2)
            var right = Block(t, n, t, n) / (k * (k - 1));
            var q = m * k / (m + k) * (between - left - right);
            if (q > bestQ)
            {
                bestQ = q;
                best = lo + t;
            }
        }

        return best;
    }

    /// <summary>Student's two-sample t-test (pooled variance) of x[tau..hi) against x[lo..tau).</summary>
    private static (double Diff, double Se, double Df, double P) Test(double[] x, int lo, int tau, int hi)
    {
        int m = tau - lo, k = hi - tau;
        double meanA = 0, meanB = 0;
        for (var i = lo; i < tau; i++)
        {
            meanA += x[i];
        }

        for (var i = tau; i < hi; i++)
        {
            meanB += x[i];
        }

        meanA /= m;
        meanB /= k;
        double squares = 0;
        for (var i = lo; i < hi; i++)
        {
            var d = x[i] - (i < tau ? meanA : meanB);
            squares += d * d;
        }

        var df = m + k - 2;
        var diff = meanB - meanA;
        var se = Math.Sqrt(squares / df * ((1.0 / m) + (1.0 / k)));
        var p = se == 0 ? (diff == 0 ? 1 : 0) : StudentT.TwoSidedP(diff / se, df);
        return (diff, se, df, p);
    }
}

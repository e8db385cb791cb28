namespace Bench.Reporting.Comparison;

/// <summary>
/// Student's t distribution: the two-sided tail probability (through the regularized incomplete beta function, by
/// Lentz's continued fraction) and its quantile (by bisection on the tail). Accurate to ~1e-10, which a p-value needs.
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

        if (double.IsInfinity(t))
        {
            return 0;
        }

        return Math.Clamp(IncompleteBeta(df / 2, 0.5, df / (df + (t * t))), 0, 1);
    }

    /// <summary>The t such that P(T ≤ t) = <paramref name="probability"/> (0.5 &lt; probability &lt; 1).</summary>
    public static double Quantile(double probability, double df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probability, 0.5);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1);
        var tail = 2 * (1 - probability); // two-sided tail of the upper quantile
        double lo = 0, hi = 1;
        while (TwoSidedP(hi, df) > tail)
        {
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            (TwoSidedP(mid, df) > tail ? ref lo : ref hi) = mid;
        }

        return (lo + hi) / 2;
    }

    /// <summary>I_x(a, b), the regularized incomplete beta function.</summary>
    public static double IncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-14)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, 9 terms).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++)
        {
            sum += c[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}

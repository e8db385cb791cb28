namespace Bench.Reporting.Comparison;

/// <summary>
/// Did the error rate (failed + timed out, over issued) rise? A one-sided two-proportion z-test on the counts pooled
/// over repetitions: requests are the samples here, and even one repetition a side has thousands of them.
/// </summary>
public static class ErrorRateTest
{
    /// <summary>The p-value of "diff's rate is higher than base's" (1 when it is not higher).</summary>
    public static double RiseP(long baseErrors, long baseIssued, long diffErrors, long diffIssued)
    {
        if (baseIssued <= 0 || diffIssued <= 0)
        {
            return 1;
        }

        var (pb, pd) = ((double)baseErrors / baseIssued, (double)diffErrors / diffIssued);
        if (pd <= pb)
        {
            return 1;
        }

        var pooled = (double)(baseErrors + diffErrors) / (baseIssued + diffIssued);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / baseIssued) + (1.0 / diffIssued)));
        return se == 0 ? 0 : 0.5 * Erfc((pd - pb) / se / Math.Sqrt(2));
    }

    /// <summary>erfc by Numerical Recipes' Chebyshev fit (relative error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var r = t * Math.Exp(-(z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277))))))))))))))))));
        return x >= 0 ? r : 2 - r;
    }
}

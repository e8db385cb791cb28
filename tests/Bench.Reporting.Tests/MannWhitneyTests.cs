using Bench.Reporting.Comparison;

namespace Bench.Reporting.Tests;

/// <summary>
/// p-values against scipy 1.10 (Debian python3-scipy):
/// /usr/bin/python3 -c "from scipy.stats import mannwhitneyu as u; print(u(A, B, alternative='two-sided', method='asymptotic', use_continuity=True).pvalue)"
/// </summary>
public sealed class MannWhitneyTests
{
    [Fact]
    public void Separated_samples_are_significant()
    {
        double[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] b = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

        Assert.Equal(0.00018267, MannWhitney.PValue(a, b), 0.0000001); // scipy: 0.00018267179
    }

    [Fact]
    public void Interleaved_samples_are_not_significant()
    {
        double[] a = [1, 3, 5, 7, 9, 11, 13, 15];
        double[] b = [2, 4, 6, 8, 10, 12, 14, 16];

        Assert.Equal(0.7131913, MannWhitney.PValue(a, b), 0.000001); // scipy: 0.71319126
    }

    [Fact]
    public void Ties_are_corrected_and_identical_samples_give_one()
    {
        double[] a = [1, 1, 2, 2, 3, 3];
        double[] b = [1, 2, 2, 3, 3, 3];

        Assert.Equal(0.5504669, MannWhitney.PValue(a, b), 0.000001); // scipy: 0.55046685
        Assert.Equal(1, MannWhitney.PValue([5, 5, 5], [5, 5, 5]));
        Assert.Equal(1, MannWhitney.PValue([1, 2], [3, 4])); // too few samples to say
    }

    [Fact]
    public void Perfolizers_test_ignores_ties_which_is_why_this_one_is_kept()
    {
        double[] a = [1, 1, 2, 2, 3, 3];
        double[] b = [1, 2, 2, 3, 3, 3];

        var perfolizer = Perfolizer.Mathematics.SignificanceTesting.MannWhitney.MannWhitneyTest.Instance
            .Perform(new Pragmastat.Sample(a), new Pragmastat.Sample(b), Perfolizer.Mathematics.SignificanceTesting.Base.AlternativeHypothesis.TwoSides, Perfolizer.Metrology.Threshold.Zero).PValue;

        Assert.Equal(0.5887446, perfolizer, 0.000001); // exact, as if there were no ties
        Assert.Equal(0.5504669, MannWhitney.PValue(a, b), 0.000001); // scipy's tie-corrected value
    }
}

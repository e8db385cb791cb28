using Bench.Reporting.Comparison;

namespace Bench.Reporting.Tests;

/// <summary>
/// Student's t from Perfolizer against exact values: the closed forms for 1 and 2 degrees of freedom (Cauchy, and
/// 1 − t/√(2 + t²)), the textbook quantiles, and the round trip quantile → two-sided p, with a fractional df as Welch's
/// test gives. Pinned here so that a Perfolizer upgrade that changed the answers fails a test, not a verdict.
/// </summary>
public sealed class StudentTTests
{
    [Theory]
    [InlineData(1.0, 1.0, 0.5)] // 1 − 2·atan(1)/π
    [InlineData(3.0, 1.0, 0.204832764699133)] // 1 − 2·atan(3)/π
    [InlineData(2.0, 2.0, 0.183503419072274)] // 1 − 2/√6
    [InlineData(-0.5, 2.0, 0.666666666666667)] // 1 − 0.5/√2.25, the sign ignored
    public void Two_sided_p_matches_the_closed_forms(double t, double df, double expected) =>
        Assert.Equal(expected, StudentT.TwoSidedP(t, df), 1e-7); // Perfolizer's incomplete beta is good to a few 1e-9

    [Theory]
    [InlineData(0.975, 5.0, 2.570581835636)]
    [InlineData(0.95, 10.0, 1.812461122811)]
    [InlineData(0.995, 3.0, 5.840909309733)]
    [InlineData(0.975, 1.0, 12.706204736175)]
    public void Quantiles_match_the_tables(double probability, double df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(probability, df), 1e-6);

    [Theory]
    [InlineData(0.975, 7.3)]
    [InlineData(0.9995, 18.6)]
    public void A_quantile_gives_back_its_probability_at_a_fractional_df(double probability, double df) =>
        Assert.Equal(2 * (1 - probability), StudentT.TwoSidedP(StudentT.Quantile(probability, df), df), 1e-8);

    [Fact]
    public void Degenerate_input_is_no_evidence_or_certain_evidence()
    {
        Assert.Equal(1, StudentT.TwoSidedP(double.NaN, 4));
        Assert.Equal(1, StudentT.TwoSidedP(2, 0));
        Assert.Equal(0, StudentT.TwoSidedP(double.PositiveInfinity, 4));
    }
}

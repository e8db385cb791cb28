using Bench.Reporting.History;

namespace Bench.Reporting.Tests;

public sealed class ChangePointSearchTests
{
    // A fixed 3% wobble (deterministic): nights alternate around their level.
    private static readonly double[] s_wobble = [1.00, 1.03, 0.98, 1.01, 0.97, 1.02, 0.99, 1.03, 0.98, 1.00];

    private static double[] Series(int nights, int stepAt, double step) =>
        [.. Enumerable.Range(0, nights).Select(i => 1000 * s_wobble[i % s_wobble.Length] * (i >= stepAt ? 1 + step : 1))];

    [Fact]
    public void A_step_is_named_at_its_first_night_with_its_size_interval_and_significance()
    {
        var point = Assert.Single(ChangePointSearch.Find(Series(30, 20, 0.10), logScale: true));

        Assert.Equal(20, point.Index);
        Assert.InRange(point.Change, 0.09, 0.11);
        Assert.True(point.Low < 0.10 && point.High > 0.10 && point.Low > 0.05, $"{point.Low}..{point.High}");
        Assert.True(point.P < 1e-6, $"p {point.P}");
        Assert.Equal((20, 10), (point.NightsBefore, point.NightsAfter));
    }

    [Fact]
    public void A_step_three_nights_before_the_end_is_found_and_two_steps_both()
    {
        Assert.Equal(27, Assert.Single(ChangePointSearch.Find(Series(30, 27, -0.15), logScale: true)).Index);
        var twoSteps = Series(40, 15, 0.2).Select((v, i) => i >= 30 ? v * 0.8 : v).ToArray();
        Assert.Equal([15, 30], ChangePointSearch.Find(twoSteps, logScale: true).Select(p => p.Index));
    }

    [Fact]
    public void Noise_an_outlier_night_and_a_short_history_give_none()
    {
        Assert.Empty(ChangePointSearch.Find(Series(60, 99, 0), logScale: true));
        var outlier = Series(60, 99, 0);
        outlier[30] *= 1.5;
        outlier[59] *= 1.5;
        Assert.Empty(ChangePointSearch.Find(outlier, logScale: true));
        Assert.Empty(ChangePointSearch.Find([1, 2], logScale: true));
    }

    [Fact]
    public void Error_rates_are_searched_on_a_linear_scale()
    {
        var rates = Enumerable.Range(0, 20).Select(i => i >= 10 ? 0.02 + (i % 2 * 0.001) : i % 2 * 0.001).ToArray();

        var point = Assert.Single(ChangePointSearch.Find(rates, logScale: false));

        Assert.Equal(10, point.Index);
        Assert.Equal(0.02, point.Change, 3);
    }

    [Fact]
    public void The_selftest_meets_its_goals()
    {
        var checks = ChangePointSelfCheck.Run(trials: 100, noise: 0.03, seed: 20261121);

        Assert.All(checks, c => Assert.True(c.Met, $"{c.Name}: {c.Rate}"));
        Assert.Contains(checks, c => c.Name.StartsWith("detected: 10% step, 3 nights", StringComparison.Ordinal));
    }

    [Fact]
    public void Perfolizers_ed_pelt_misses_the_goal_which_is_why_e_divisive_is_used()
    {
        // The selftest's hardest case: a 10% step three nights before the end of 40, 3% lognormal noise.
        var random = new Random(20261121);
        int found = 0, trials = 1000;
        for (var t = 0; t < trials; t++)
        {
            var logs = Enumerable.Range(0, 40).Select(i => (0.03 * Comparison.StatisticsSelfCheck.Normal(random)) + (i >= 37 ? Math.Log(1.1) : 0)).ToArray();
            // ED-PELT returns each segment's last index: the first night at the new level is one later.
            found += Perfolizer.Mathematics.Cpd.EdPeltChangePointDetector.Instance.GetChangePointIndexes(logs).Any(i => Math.Abs(i + 1 - 37) <= 1) ? 1 : 0;
        }

        Assert.True(found < 0.95 * trials, $"ED-PELT found {found} of {trials}");
    }
}

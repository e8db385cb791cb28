using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>The knee of a rate–latency curve on synthetic open-model sweeps whose knee is known.</summary>
public sealed class KneeTests
{
    [Fact]
    public void Knee_is_the_first_rate_where_p99_more_than_doubles()
    {
        var knee = Knee.Find([new(500, 500, 1000), new(1000, 1000, 1200), new(2000, 2000, 1900), new(4000, 4000, 2600), new(8000, 8000, 9000)]);

        Assert.NotNull(knee);
        Assert.Equal(3, knee.Index);
        Assert.Equal(4000, knee.Offered);
        Assert.Contains("2.6×", knee.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Knee_is_the_first_rate_whose_achieved_rate_falls_more_than_5_percent_short()
    {
        // p99 never doubles, but at 6000/s only 5600/s got through (-6.7%); 5000/s at 4800/s (-4%) is still within.
        var knee = Knee.Find([new(1000, 1000, 1000), new(5000, 4800, 1500), new(6000, 5600, 1700), new(7000, 5600, 1800)]);

        Assert.NotNull(knee);
        Assert.Equal(6000, knee.Offered);
        Assert.Contains("-6.7%", knee.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_curve_that_stays_flat_and_keeps_up_has_no_knee()
    {
        Assert.Null(Knee.Find([new(1000, 1000, 1000), new(2000, 1990, 1500), new(3000, 2950, 2000)]));
        Assert.Null(Knee.Find([]));
    }

    [Fact]
    public void A_rate_sweep_from_stored_results_finds_its_knee_in_natural_rate_order()
    {
        // Stored out of order, and with the capacity (3000/s) reached at 4000/s offered: the knee is 4000 either way.
        var run = SweepSamples.RateSweep(3000, (4000, 5000), (1000, 800), (8000, 40000), (2000, 900));
        var sweep = Assert.Single(Sweep.AllOf(run));
        var line = Assert.Single(sweep.Lines(sweep.Swept.Single(s => s.Name == "rate")));

        Assert.Equal(["1000", "2000", "4000", "8000"], line.Points.Select(p => p.Settings["rate"]));
        Assert.Equal(4000, Knee.Find(SweepVerdict.RatePoints(line))?.Offered);
        Assert.StartsWith("rate: knee at 4,000/s offered", SweepVerdict.KneeSentence(line), StringComparison.Ordinal);
    }
}

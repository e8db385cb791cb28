using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>How a run's variants become a sweep: which settings vary, their natural order, labels and repetitions.</summary>
public sealed class SweepTests
{
    [Fact]
    public void Numbers_sort_ascending_words_keep_their_typed_order_and_no_limit_comes_last()
    {
        Assert.Equal(["1", "10", "100", "unlimited"], NaturalOrder.Sort(["100", "unlimited", "1", "10"]));
        Assert.Equal(["reply-queue", "direct"], NaturalOrder.Sort(["reply-queue", "direct", "reply-queue"]));
        Assert.Equal(["200/s", "1000/s", "none"], NaturalOrder.Sort(["none", "1000/s", "200/s"]));
    }

    [Fact]
    public void Swept_settings_are_the_keys_that_differ_with_the_most_values_first()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport()));

        Assert.Equal(["prefetch", "transport"], sweep.Swept.Select(s => s.Name));
        Assert.Equal(["1", "10", "100", "unlimited"], sweep.Swept[0].Values);
        Assert.Equal(["reply-queue", "direct"], sweep.Swept[1].Values);
        Assert.True(sweep.IsGrid);
    }

    [Fact]
    public void Labels_name_only_the_settings_that_differ_and_a_word_stands_alone()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport()));

        Assert.Equal(
            ["prefetch=1 · reply-queue", "prefetch=10 · reply-queue", "prefetch=100 · reply-queue", "prefetch=unlimited · reply-queue",
             "prefetch=1 · direct", "prefetch=10 · direct", "prefetch=100 · direct", "prefetch=unlimited · direct"],
            sweep.Points.Select(p => p.Label));
        Assert.Contains("prefetch=10", sweep.Points[1].FullKey, StringComparison.Ordinal);
        Assert.Contains("route=exchange", sweep.Points[1].FullKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_setting_has_one_line_per_combination_of_the_others()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport(1, "1", "2")));
        var prefetch = sweep.Swept.Single(s => s.Name == "prefetch");

        var lines = sweep.Lines(prefetch);

        Assert.Equal(4, lines.Count);
        Assert.Equal(["reply-queue · workers=1", "direct · workers=1", "reply-queue · workers=2", "direct · workers=2"], lines.Select(l => l.Label));
        Assert.All(lines, l => Assert.Equal(["1", "10", "100", "unlimited"], l.Points.Select(p => p.Settings["prefetch"])));
    }

    [Fact]
    public void A_variant_with_repetitions_is_their_median_with_min_max_spread()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport(repetitions: 3)));
        var point = sweep.Points.Single(p => p.Label == "prefetch=100 · reply-queue");

        Assert.Equal(3, point.Repetitions.Count);
        // Stored throughput is ok / duration: whole requests, so within one request per 8 s of the figure set.
        Assert.Equal(8160, point.Throughput.Median, 0.2);
        Assert.Equal(8000, point.Throughput.Min, 0.2);
        Assert.Equal(8320, point.Throughput.Max, 0.2);
        Assert.Equal(point.Repetitions.Sum(r => r.Latency.Corrected.Count), point.Latency.Count);
    }

    [Fact]
    public void One_knob_at_a_time_draws_a_line_only_where_that_knob_alone_changed()
    {
        var run = SweepSamples.CeleryKnobs();
        var sweep = Assert.Single(Sweep.AllOf(run));

        Assert.False(sweep.IsGrid);
        var multiplier = Assert.Single(sweep.Lines(sweep.Swept.Single(s => s.Name == "prefetchMultiplier")));
        Assert.Equal(["1", "4", "unlimited"], multiplier.Points.Select(p => p.Settings["prefetchMultiplier"]));
        Assert.Equal(["false", "true"], Assert.Single(sweep.Lines(sweep.Swept.Single(s => s.Name == "acksLate"))).Points.Select(p => p.Settings["acksLate"]));
        // Labels name only what differs from the common settings.
        Assert.Equal(["rateLimits=on", "prefetchMultiplier=1", "common settings", "prefetchMultiplier=unlimited", "acksLate=true"], sweep.Points.Select(p => p.Label));
    }
}

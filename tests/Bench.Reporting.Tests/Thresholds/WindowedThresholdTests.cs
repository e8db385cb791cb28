using Bench.Load;
using Bench.Reporting.Thresholds;

namespace Bench.Reporting.Tests.Thresholds;

/// <summary>
/// Thresholds over windows, on timelines built by hand: a collapse in the last 10 s that the whole run's figure hides
/// (k6 #2379), the worst window and when it was, exact merged percentiles, drain and cut seconds left out, and the n/a cases.
/// </summary>
public sealed class WindowedThresholdTests
{
    [Fact]
    public void All_errors_in_the_last_10_seconds_pass_errors_under_10_percent_overall_and_fail_over_10s()
    {
        // 100 s at 100 calls/s; in the last 10 s every call fails: 1,000 of 10,000 errors, 10% over the whole run.
        var timeline = Seconds(100, s => s >= 90 ? (0, 100) : (100, 0));
        var scenario = Record(timeline, issued: 10_000, failed: 1_000);

        var overall = Threshold.Parse("errors<11%").Evaluate(scenario);
        var windowed = Threshold.Parse("errors<1% over 10s").Evaluate(scenario);

        Assert.True(overall.Passed);
        Assert.False(windowed.Passed);
        Assert.Equal("100% (1,000 of 1,000)", windowed.Measured);
        Assert.Equal("worst 10 s window: 90–100 s of the measured window; 10 of 91 windows breached", windowed.Window);
        Assert.Contains("✗ errors<1% over 10s (measured 100% (1,000 of 1,000), worst 10 s window: 90–100 s", windowed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_windowed_p99_merges_the_seconds_histograms_exactly()
    {
        // Seconds 0-9: 99 calls of 1 ms and 1 of 100 ms each; seconds 10-14: 100 calls of 80 ms each.
        var timeline = Seconds(15, s => (100, 0), s => s < 10 ? [.. Enumerable.Repeat(1_000_000L, 99), 100_000_000L] : [.. Enumerable.Repeat(80_000_000L, 100)]);
        var scenario = Record(timeline, issued: 1_500, failed: 0);

        var quiet = Threshold.Parse("p99<2ms over 5s").Evaluate(scenario with { Timeline = [.. timeline.Take(10)] });
        var collapse = Threshold.Parse("p99<50ms over 5s").Evaluate(scenario);

        // Five quiet seconds: 495 of 1 ms and 5 of 100 ms; rank ⌈0.99·500⌉ = 495 is 1 ms (its bucket's top, 1.000447 ms).
        Assert.True(quiet.Passed, quiet.ToString());
        Assert.Equal("1 ms", quiet.Measured);
        Assert.False(collapse.Passed);
        Assert.Equal("80.02 ms", collapse.Measured);
        Assert.StartsWith("worst 5 s window: ", collapse.Window, StringComparison.Ordinal);
        Assert.EndsWith("; 5 of 11 windows breached", collapse.Window, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drain_and_the_cut_last_second_are_not_in_any_window()
    {
        var timeline = Seconds(12, s => (100, 0));
        timeline.Add(new TimelineRecord(12, 0.4, 0, 40, 0, 0, 0, 0, 0, 80) { Partial = true });
        timeline.Add(new TimelineRecord(13, 1, 0, 100, 0, 0, 0, 0, 0, 80) { Drain = true });

        var result = Threshold.Parse("errors<1% over 10s").Evaluate(Record(timeline, issued: 1_340, failed: 140));

        Assert.True(result.Passed, result.ToString());
        Assert.EndsWith("; 0 of 3 windows breached", result.Window, StringComparison.Ordinal);
    }

    [Fact]
    public void Throughput_over_a_window_finds_the_slowest_stretch()
    {
        var result = Threshold.Parse("throughput>50 over 3s").Evaluate(Record(Seconds(10, s => s is >= 4 and <= 6 ? (10, 0) : (100, 0)), issued: 730, failed: 0));

        Assert.False(result.Passed);
        Assert.Equal("10/s", result.Measured);
        Assert.StartsWith("worst 3 s window: 4–7 s", result.Window, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_shorter_than_the_window_or_without_histograms_is_not_available()
    {
        var short5 = Threshold.Parse("errors<1% over 10s").Evaluate(Record(Seconds(5, s => (100, 0)), issued: 500, failed: 0));
        var noBuckets = Threshold.Parse("p99<50ms over 5s").Evaluate(Record([.. Seconds(10, s => (100, 0)).Select(p => p with { Buckets = [] })], issued: 1000, failed: 0));

        Assert.Equal((false, ThresholdRecord.NotAvailable), (short5.Passed, short5.Measured));
        Assert.Equal("the measured window has 5 whole second(s), fewer than one 10 s window", short5.Note);
        Assert.Equal((false, ThresholdRecord.NotAvailable), (noBuckets.Passed, noBuckets.Measured));
    }

    [Theory]
    [InlineData("errors<1% over 10s", 10)]
    [InlineData("p99 < 50ms over 5s", 5)]
    [InlineData("throughput>100 over 2m", 120)]
    public void Windows_are_parsed(string expression, int seconds) => Assert.Equal(seconds, Threshold.Parse(expression).WindowSeconds);

    [Theory]
    [InlineData("errors<1% over 10", "expected a window of whole seconds or minutes")]
    [InlineData("errors<1% over 0s", "expected a window of whole seconds or minutes")]
    [InlineData("errors<1% over 1.5s", "expected a window of whole seconds or minutes")]
    [InlineData("mean<1ms over 5s", "mean over a window is not kept per second")]
    public void Bad_windows_are_one_line(string expression, string message) =>
        Assert.Contains(message, Assert.Throws<ThresholdFormatException>(() => Threshold.Parse(expression)).Message, StringComparison.Ordinal);

    [Fact]
    public void Applying_thresholds_keeps_the_histograms_the_hlog_export_reads()
    {
        var judged = ThresholdCheck.Apply(Record(Seconds(6, s => (100, 0)), issued: 600, failed: 0), [Threshold.Parse("p99<50ms over 5s")]);

        Assert.True(judged.Thresholds.Single().Passed);
        Assert.All(judged.Timeline, p => Assert.NotEmpty(p.Buckets));
    }

    /// <summary>Whole seconds of a measured window: (ok, failed) per second, and the ok calls' latencies (1 ms each unless given).</summary>
    private static List<TimelineRecord> Seconds(int count, Func<int, (long Ok, long Failed)> counts, Func<int, long[]>? latencies = null) =>
        [.. Enumerable.Range(0, count).Select(s =>
        {
            var (ok, failed) = counts(s);
            var histogram = new LatencyHistogram();
            foreach (var ns in latencies?.Invoke(s) ?? [.. Enumerable.Repeat(1_000_000L, (int)ok)])
            {
                histogram.Record(ns);
            }

            var buckets = Enumerable.Range(0, LatencyHistogram.BucketCount).Where(i => histogram.CountAt(i) != 0).Select(i => new TimelineBucket(i, histogram.CountAt(i))).ToList();
            return new TimelineRecord(s, 1, ok, failed, 0, ok, histogram.ValueAtPercentile(50) / 1e3, histogram.ValueAtPercentile(99) / 1e3, histogram.Max / 1e3, 80) { Buckets = buckets };
        })];

    private static ScenarioRecord Record(List<TimelineRecord> timeline, long issued, long failed) =>
        ThresholdRecords.Call(Enumerable.Repeat(1_000_000L, 100), issued, failed, 0, 100) with { Timeline = timeline };
}

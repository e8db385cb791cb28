using System.Globalization;
using Bench.Load;
using Bench.Scenarios.Metrics;

namespace Bench.Scenarios.Tests;

/// <summary>The exposition text of --metrics-listen: an exact, cumulative histogram and labelled counters (a pure unit).</summary>
public sealed class LiveMetricsTests
{
    [Fact]
    public void The_histogram_is_cumulative_and_equals_the_latency_histograms_counts()
    {
        var histogram = new LatencyHistogram();
        long[] values = [20_000, 30_000, 99_000, 100_000, 700_000, 3_000_000, 3_000_001, 80_000_000, 2_000_000_000, 40_000_000_000];
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        var metrics = new LiveMetrics();
        metrics.Begin("call.add", new Dictionary<string, string> { ["outstanding"] = "8" }, 1);
        metrics.Update(new ProgressSnapshot("call.add", false, 1, 12, 10, 1, 0, 2, 10, 0, 0, null) { Buckets = histogram.NonZeroBuckets(), SumNs = histogram.Sum });

        var text = metrics.Render();
        var buckets = text.Split('\n').Where(l => l.StartsWith("bench_latency_seconds_bucket{", StringComparison.Ordinal)).ToList();
        Assert.Equal(LiveMetrics.BoundsNs.Count + 1, buckets.Count);
        var previous = 0L;
        for (var i = 0; i < LiveMetrics.BoundsNs.Count; i++)
        {
            var bound = LiveMetrics.BoundsNs[i];
            long expected = 0;
            for (var index = 0; index <= LatencyHistogram.IndexOf(bound); index++)
            {
                expected += histogram.CountAt(index);
            }

            var count = long.Parse(buckets[i][(buckets[i].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            Assert.Equal(expected, count);
            Assert.Equal(values.Count(v => v <= bound), count);
            Assert.True(count >= previous, "buckets must be cumulative");
            previous = count;
        }

        Assert.EndsWith("le=\"+Inf\"} 10", buckets[^1], StringComparison.Ordinal);
        Assert.Contains("bench_latency_seconds_count{scenario=\"call.add\",outstanding=\"8\",repetition=\"1\",phase=\"measure\"} 10\n", text, StringComparison.Ordinal);
        Assert.Contains("bench_latency_seconds_sum{scenario=\"call.add\",outstanding=\"8\",repetition=\"1\",phase=\"measure\"} " + (histogram.Sum / 1e9).ToString("R", CultureInfo.InvariantCulture) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE bench_latency_seconds histogram\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_carry_outcome_scenario_and_settings_and_the_histogram_accumulates_across_seconds()
    {
        var metrics = new LiveMetrics();
        metrics.Begin("call.echo", new Dictionary<string, string> { ["payload"] = "1 \"KiB\"", ["rate"] = "500" }, 2);
        var second = new[] { (LatencyHistogram.IndexOf(1_000_000), 3L) };
        metrics.Update(new ProgressSnapshot("call.echo", true, 1, 5, 3, 0, 0, 0, 3, 0, 0, null) { Buckets = second, SumNs = 3_000_000 });
        metrics.Update(new ProgressSnapshot("call.echo", false, 1, 9, 3, 1, 2, 4, 3, 0, 0, null) { Buckets = second, SumNs = 3_000_000 });
        metrics.Update(new ProgressSnapshot("call.echo", false, 2, 12, 6, 1, 2, 4, 3, 0, 0, null) { Buckets = second, SumNs = 3_000_000 });

        var text = metrics.Render();
        const string labels = "scenario=\"call.echo\",payload=\"1 \\\"KiB\\\"\",rate=\"500\",repetition=\"2\"";
        Assert.Contains($"bench_requests_total{{{labels},phase=\"measure\",outcome=\"ok\"}} 6\n", text, StringComparison.Ordinal);
        Assert.Contains($"bench_requests_total{{{labels},phase=\"measure\",outcome=\"timed_out\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"bench_in_flight{{{labels},phase=\"measure\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"bench_late_starts_total{{{labels},phase=\"measure\"}} 4\n", text, StringComparison.Ordinal);
        Assert.Contains($"bench_latency_seconds_count{{{labels},phase=\"measure\"}} 6\n", text, StringComparison.Ordinal);
        Assert.Contains($"bench_latency_seconds_count{{{labels},phase=\"warmup\"}} 3\n", text, StringComparison.Ordinal);
    }
}

using System.Numerics;

namespace Bench.Load.Tests;

/// <summary>Percentiles against exact order statistics, within the histogram's stated precision (1/1024 of the value).</summary>
public sealed class LatencyHistogramTests
{
    private static readonly double[] s_percentiles = [0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

    public static TheoryData<string> Distributions => new() { "uniform", "lognormal", "constant", "bimodal-extremes", "bucket-edges", "tiny" };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Percentiles_match_exact_ranks_within_precision(string distribution)
    {
        var values = Generate(distribution);
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        var sorted = values.Order().ToArray();
        foreach (var p in s_percentiles)
        {
            var exact = sorted[Math.Max(0, (int)Math.Ceiling((decimal)p / 100 * sorted.Length) - 1)]; // decimal: exact rank, no binary rounding
            var reported = histogram.ValueAtPercentile(p);
            Assert.InRange(reported, exact, exact + (exact / 1024) + 1);
        }

        Assert.Equal(sorted[0], histogram.Min);
        Assert.Equal(sorted[^1], histogram.Max);
        Assert.Equal(values.Length, histogram.Count);
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Mean_and_stddev_are_exact(string distribution)
    {
        var values = Generate(distribution);
        var histogram = new LatencyHistogram();
        foreach (var v in values)
        {
            histogram.Record(v);
        }

        // Two-pass reference in exact integer arithmetic.
        var n = new BigInteger(values.Length);
        var sum = values.Aggregate(BigInteger.Zero, (a, v) => a + v);
        var deviations = values.Aggregate(BigInteger.Zero, (a, v) => a + (((v * n) - sum) * ((v * n) - sum)));
        var stddev = Math.Sqrt((double)deviations / ((double)n * (double)n * (double)n)); // Σ(v·n − Σv)² = n³·variance

        Assert.Equal((double)sum / (double)n, histogram.Mean, 9);
        Assert.Equal(stddev, histogram.StdDev, stddev * 1e-12 + 1e-9);
    }

    [Fact]
    public void Merge_equals_recording_everything_in_one()
    {
        var random = new Random(12345);
        var parts = Enumerable.Range(0, 4).Select(_ => new LatencyHistogram()).ToArray();
        var whole = new LatencyHistogram();
        for (var i = 0; i < 100_000; i++)
        {
            var v = (long)Math.Exp(random.NextDouble() * 25);
            parts[i % 4].Record(v);
            whole.Record(v);
        }

        var merged = new LatencyHistogram();
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        Assert.Equal(whole.NonZeroBuckets(), merged.NonZeroBuckets());
        Assert.Equal((whole.Count, whole.Sum, whole.SumOfSquares, whole.Min, whole.Max), (merged.Count, merged.Sum, merged.SumOfSquares, merged.Min, merged.Max));
        foreach (var p in s_percentiles)
        {
            Assert.Equal(whole.ValueAtPercentile(p), merged.ValueAtPercentile(p));
        }
    }

    [Fact]
    public void Values_beyond_the_range_saturate_and_are_counted()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.HighestTrackableValue, histogram.Max);
        Assert.Equal(1, histogram.Saturated);
    }

    [Fact]
    public void Bucket_layout_covers_one_hour_in_a_fixed_size()
    {
        Assert.True(LatencyHistogram.HighestTrackableValue > 3_600_000_000_000L);
        Assert.Equal(33 * 1024, LatencyHistogram.BucketCount); // 32 powers of two above the 2048 exact values, 1024 buckets each
        for (var i = 0; i < LatencyHistogram.BucketCount; i += 97)
        {
            var low = LatencyHistogram.LowestEquivalentValue(i);
            Assert.Equal(i, LatencyHistogram.IndexOf(low));
            Assert.Equal(i, LatencyHistogram.IndexOf(LatencyHistogram.HighestEquivalentValue(i)));
        }
    }

    [Fact]
    public void Parts_round_trip_through_serialization()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in Generate("lognormal"))
        {
            histogram.Record(v);
        }

        var buckets = new List<(int, long)>();
        for (var i = 0; i < LatencyHistogram.BucketCount; i++)
        {
            if (histogram.CountAt(i) != 0)
            {
                buckets.Add((i, histogram.CountAt(i)));
            }
        }

        var restored = LatencyHistogram.FromParts(buckets, histogram.Count, histogram.Sum, histogram.SumOfSquares, histogram.Min, histogram.Max);

        Assert.Equal(histogram.NonZeroBuckets(), restored.NonZeroBuckets());
        Assert.Equal(histogram.StdDev, restored.StdDev);
        Assert.Equal(histogram.ValueAtPercentile(99.9), restored.ValueAtPercentile(99.9));
    }

    private static long[] Generate(string distribution)
    {
        var random = new Random(12345);
        return distribution switch
        {
            "uniform" => [.. Enumerable.Range(0, 50_000).Select(_ => random.NextInt64(1_000, 10_000_000))],
            "lognormal" => [.. Enumerable.Range(0, 50_000).Select(_ => (long)Math.Exp(12 + (random.NextDouble() * 4) + (random.NextDouble() * 2)))],
            "constant" => [.. Enumerable.Repeat(123_456L, 10_000)],
            "bimodal-extremes" => [.. Enumerable.Range(0, 10_000).Select(i => i % 1000 == 0 ? 3_600_000_000_000L : 250_000L + i)],
            "bucket-edges" => [.. Enumerable.Range(10, 30).SelectMany(s => new[] { (1L << s) - 1, 1L << s, (1L << s) + 1 })],
            "tiny" => [1, 2, 3, 2047, 2048, 2049, 4095, 4096],
            _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
        };
    }

    [Theory]
    [InlineData(99.9, 999)]
    [InlineData(99, 990)]
    [InlineData(50, 500)]
    [InlineData(99.99, 1000)]
    [InlineData(0, 1)]
    [InlineData(100, 1000)]
    public void Percentiles_of_one_to_a_thousand_are_the_exact_order_statistics(double percentile, long expected)
    {
        // 99.9/100 × 1000 is 999.0000000000001 in doubles: a bare ceiling made p99.9 the maximum.
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 1000; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(expected, histogram.ValueAtPercentile(percentile));
        Assert.Equal(expected, LatencyHistogram.Rank(percentile, 1000));
    }

    [Fact]
    public void A_histogram_holds_a_page_only_for_each_power_of_two_it_has_seen_and_keeps_it_when_cleared()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var histogram = new LatencyHistogram();
        for (var v = 1_100_000L; v < 2_000_000; v += 900)
        {
            histogram.Record(v); // 1.1–2.0 ms: within one power of two (2^20–2^21 ns), one 8 KB page
        }

        var made = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(made, 8192, 8192 + 1024); // the page, the page table and the object; a whole array was 278 KB

        histogram.Clear();
        before = GC.GetAllocatedBytesForCurrentThread();
        histogram.Record(1_500_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, histogram.CountAt(LatencyHistogram.IndexOf(1_500_000)));
        Assert.Equal(0, histogram.CountAt(0));
        Assert.Equal(0, histogram.CountAt(LatencyHistogram.BucketCount - 1));
    }
}

using Bench.Load;

namespace Bench.Reporting;

/// <summary>
/// One hop of a call's round trip (from one Bench-only timestamp to the next, on one host's monotonic clock): its mean,
/// p50 and p99 in microseconds, and the histogram itself so repetitions merge instead of averaging.
/// </summary>
public sealed record HopRecord
{
    public required string Name { get; init; }

    public long Count { get; init; }

    public double MeanUs { get; init; }

    public double P50Us { get; init; }

    public double P99Us { get; init; }

    public required HistogramRecord Histogram { get; init; }

    public static HopRecord From(string name, LatencyHistogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new HopRecord
        {
            Name = name,
            Count = h.Count,
            MeanUs = h.Mean / 1000.0,
            P50Us = h.ValueAtPercentile(50) / 1000.0,
            P99Us = h.ValueAtPercentile(99) / 1000.0,
            Histogram = HistogramRecord.From(h),
        };
    }
}

using Bench.Load;

namespace Bench.Reporting;

/// <summary>A latency distribution: summary figures in microseconds (min, max, mean, stddev exact) and the histogram itself.</summary>
public sealed record LatencyRecord
{
    public long Count { get; init; }

    public double MinUs { get; init; }

    public double MaxUs { get; init; }

    public double MeanUs { get; init; }

    public double StdDevUs { get; init; }

    public double P50Us { get; init; }

    public double P75Us { get; init; }

    public double P90Us { get; init; }

    public double P95Us { get; init; }

    public double P99Us { get; init; }

    public double P999Us { get; init; }

    public double P9999Us { get; init; }

    public required HistogramRecord Histogram { get; init; }

    public static LatencyRecord From(LatencyHistogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new LatencyRecord
        {
            Count = h.Count,
            MinUs = h.Min / 1000.0,
            MaxUs = h.Max / 1000.0,
            MeanUs = h.Mean / 1000.0,
            StdDevUs = h.StdDev / 1000.0,
            P50Us = h.ValueAtPercentile(50) / 1000.0,
            P75Us = h.ValueAtPercentile(75) / 1000.0,
            P90Us = h.ValueAtPercentile(90) / 1000.0,
            P95Us = h.ValueAtPercentile(95) / 1000.0,
            P99Us = h.ValueAtPercentile(99) / 1000.0,
            P999Us = h.ValueAtPercentile(99.9) / 1000.0,
            P9999Us = h.ValueAtPercentile(99.99) / 1000.0,
            Histogram = HistogramRecord.From(h),
        };
    }
}

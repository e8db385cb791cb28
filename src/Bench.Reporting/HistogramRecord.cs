using System.Globalization;
using Bench.Load;

namespace Bench.Reporting;

/// <summary>
/// A <see cref="LatencyHistogram"/> as stored: non-zero buckets as [index, count] pairs plus the exact sums, so a
/// stored result can be merged and re-tested later. Values are nanoseconds; layout: 1024 sub-buckets per power of two.
/// </summary>
public sealed record HistogramRecord
{
    public string Unit { get; init; } = "ns";

    public int SubBucketHalfCountMagnitude { get; init; } = LatencyHistogram.SubBucketHalfCountMagnitude;

    public long Count { get; init; }

    public long Sum { get; init; }

    /// <summary>Σx² as a decimal string: it can exceed 64 bits.</summary>
    public string SumOfSquares { get; init; } = "0";

    public long Min { get; init; }

    public long Max { get; init; }

    public long Saturated { get; init; }

    public List<long[]> Buckets { get; init; } = [];

    public static HistogramRecord From(LatencyHistogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        var buckets = new List<long[]>();
        foreach (var (index, count) in h.NonZeroBuckets())
        {
            buckets.Add([index, count]);
        }

        return new HistogramRecord
        {
            Count = h.Count,
            Sum = h.Sum,
            SumOfSquares = h.SumOfSquares.ToString(CultureInfo.InvariantCulture),
            Min = h.Min,
            Max = h.Max,
            Saturated = h.Saturated,
            Buckets = buckets,
        };
    }

    public LatencyHistogram ToHistogram()
    {
        if (Unit != "ns" || SubBucketHalfCountMagnitude != LatencyHistogram.SubBucketHalfCountMagnitude)
        {
            throw new FormatException($"histogram layout {Unit}/{SubBucketHalfCountMagnitude} is not this version's (ns/{LatencyHistogram.SubBucketHalfCountMagnitude})");
        }

        return LatencyHistogram.FromParts(Buckets.Select(b => ((int)b[0], b[1])), Count, Sum, Int128.Parse(SumOfSquares, CultureInfo.InvariantCulture), Min, Max, Saturated);
    }
}

using Bench.Load;

namespace Bench.Reporting.History;

/// <summary>A histogram in as few bytes as JSON allows: bucket indexes delta-encoded, counts beside them, exact sums kept.</summary>
public sealed record CompactHistogram
{
    public long Count { get; init; }

    public long Sum { get; init; }

    public string SumOfSquares { get; init; } = "0";

    public long Min { get; init; }

    public long Max { get; init; }

    /// <summary>Each non-zero bucket's index minus the previous one's.</summary>
    public int[] IndexDeltas { get; init; } = [];

    public long[] Counts { get; init; } = [];

    public static CompactHistogram From(HistogramRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var deltas = new int[record.Buckets.Count];
        var counts = new long[record.Buckets.Count];
        var previous = 0;
        for (var i = 0; i < deltas.Length; i++)
        {
            var index = (int)record.Buckets[i][0];
            deltas[i] = index - previous;
            counts[i] = record.Buckets[i][1];
            previous = index;
        }

        return new CompactHistogram { Count = record.Count, Sum = record.Sum, SumOfSquares = record.SumOfSquares, Min = record.Min, Max = record.Max, IndexDeltas = deltas, Counts = counts };
    }

    public LatencyHistogram ToHistogram()
    {
        var buckets = new List<(int, long)>(Counts.Length);
        var index = 0;
        for (var i = 0; i < Counts.Length; i++)
        {
            index += IndexDeltas[i];
            buckets.Add((index, Counts[i]));
        }

        return LatencyHistogram.FromParts(buckets, Count, Sum, Int128.Parse(SumOfSquares, System.Globalization.CultureInfo.InvariantCulture), Min, Max);
    }
}

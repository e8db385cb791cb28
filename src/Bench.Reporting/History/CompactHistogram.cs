using Bench.Load;

namespace Bench.Reporting.History;

/// <summary>
/// A histogram in as few bytes as JSON allows: above 2048 ns, each run of 8 sub-buckets is merged into its middle one
/// (precision 1/256 instead of 1/1024: percentiles within ±0.4%, plenty for trends), indexes are delta-encoded, and the
/// exact sums are kept, so mean and stddev stay exact. A run's own results.json keeps the full histogram.
/// </summary>
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

    /// <summary>Sub-buckets merged into one above the exact range.</summary>
    public const int Coarsening = 8;

    public static CompactHistogram From(HistogramRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var merged = new SortedDictionary<int, long>();
        foreach (var bucket in record.Buckets)
        {
            var index = (int)bucket[0];
            var target = index < 2048 ? index : (index & ~(Coarsening - 1)) + (Coarsening / 2);
            merged[target] = merged.GetValueOrDefault(target) + bucket[1];
        }

        var deltas = new int[merged.Count];
        var counts = new long[merged.Count];
        var previous = 0;
        var i = 0;
        foreach (var (index, count) in merged)
        {
            deltas[i] = index - previous;
            counts[i++] = count;
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

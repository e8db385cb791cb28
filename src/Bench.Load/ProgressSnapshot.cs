namespace Bench.Load;

/// <summary>What a live display shows once a second.</summary>
public readonly record struct ProgressSnapshot(
    string ScenarioId, bool WarmingUp, double ElapsedSeconds, long Issued, long Ok, long Failed, long TimedOut,
    long LateStarts, double Throughput, long P50Ns, long P99Ns, double? Fraction)
{
    /// <summary>The last second's ok latencies as non-zero (bucket index, count) pairs of <see cref="LatencyHistogram"/> (the timeline point's own list, not a copy).</summary>
    public IReadOnlyList<(int Index, long Count)> Buckets { get; init; } = [];

    /// <summary>The sum of the last second's ok latencies, in nanoseconds: a live histogram's _sum.</summary>
    public long SumNs { get; init; }
}

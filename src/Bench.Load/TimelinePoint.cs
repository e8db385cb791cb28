namespace Bench.Load;

/// <summary>One second of a run: counts per outcome, throughput (ok/s) and the latency of that second's ok requests.</summary>
public readonly record struct TimelinePoint(int Second, double Seconds, long Ok, long Failed, long TimedOut, double Throughput, long P50Ns, long P99Ns, long MaxNs)
{
    /// <summary>This process's resident memory at the end of the second: flat across a long run, or a leak.</summary>
    public long RssBytes { get; init; }

    /// <summary>This second's ok latencies as non-zero (bucket index, count) pairs of <see cref="LatencyHistogram"/>: its interval histogram.</summary>
    public IReadOnlyList<(int Index, long Count)> Buckets { get; init; } = [];

    /// <summary>The sum of this second's ok latencies in nanoseconds (live metrics' histogram _sum).</summary>
    public long SumNs { get; init; }

    /// <summary>The second began after the last request was issued: the drain, not the measurement.</summary>
    public bool Drain { get; init; }

    /// <summary>The point covers less than a whole second of the issue window (the last one, or the one the drain cuts).</summary>
    public bool Partial { get; init; }

    /// <summary>A whole second of the issue window with something completed in it: fit to be a statistical sample.</summary>
    public bool IsSample => !Drain && !Partial && Ok + Failed + TimedOut > 0;
}

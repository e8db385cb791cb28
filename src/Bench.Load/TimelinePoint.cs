namespace Bench.Load;

/// <summary>One second of a run: counts per outcome, throughput (ok/s) and the latency of that second's ok requests.</summary>
public readonly record struct TimelinePoint(int Second, double Seconds, long Ok, long Failed, long TimedOut, double Throughput, long P50Ns, long P99Ns, long MaxNs)
{
    /// <summary>This process's resident memory at the end of the second: flat across a long run, or a leak.</summary>
    public long RssBytes { get; init; }
}

namespace Bench.Reporting;

/// <summary>One second of a scenario as stored: the timeline's points (verdicts test repetitions, not these).</summary>
public sealed record TimelineRecord(int Second, double Seconds, long Ok, long Failed, long TimedOut, double Throughput, double P50Us, double P99Us, double MaxUs, double RssMb)
{
    /// <summary>The second began after the last request was issued: the drain.</summary>
    public bool Drain { get; init; }

    /// <summary>Less than a whole second of the issue window.</summary>
    public bool Partial { get; init; }

    /// <summary>
    /// This second's ok latencies (the scenario's primary histogram's layout, ns) as non-zero [index, count] pairs: the
    /// interval histograms of the .hlog export. In JSON each is [index, count]. Empty in results written before they were kept.
    /// </summary>
    public List<TimelineBucket> Buckets { get; init; } = [];

    /// <summary>A whole second of the issue window in which something completed: fit for a per-second statistic.</summary>
    public bool IsSample => !Drain && !Partial && Ok + Failed + TimedOut > 0;
}

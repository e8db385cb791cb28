namespace Bench.Reporting;

/// <summary>One second of a scenario as stored: the timeline's points (verdicts test repetitions, not these).</summary>
public sealed record TimelineRecord(int Second, double Seconds, long Ok, long Failed, long TimedOut, double Throughput, double P50Us, double P99Us, double MaxUs, double RssMb)
{
    /// <summary>The second's latency histogram (non-empty buckets), kept in memory for windowed thresholds; never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (int Index, long Count)[]? Buckets { get; init; }

    /// <summary>The second began after the last request was issued: the drain.</summary>
    public bool Drain { get; init; }

    /// <summary>Less than a whole second of the issue window.</summary>
    public bool Partial { get; init; }

    /// <summary>A whole second of the issue window in which something completed: fit for a per-second statistic.</summary>
    public bool IsSample => !Drain && !Partial && Ok + Failed + TimedOut > 0;
}

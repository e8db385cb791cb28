namespace Bench.Reporting.Broker;

/// <summary>
/// The broker's own view of one scenario (results' `broker` section): its queues' depth, consumer utilisation and
/// rates, and its nodes' memory, alarms, churn and run queue, one point a second from the start of the warm-up to the
/// end of the drain, with summaries over the measured seconds and what sampling cost. See docs/broker-metrics.md.
/// </summary>
public sealed record BrokerRecord
{
    /// <summary>"private node", "private cluster of N nodes", or the --broker-metrics endpoint (credentials never kept).</summary>
    public required string Source { get; init; }

    /// <summary>The queues sampled: the scenario's own (its topic's queues), as the broker named them.</summary>
    public List<string> Queues { get; init; } = [];

    public List<BrokerSecondRecord> Seconds { get; init; } = [];

    public required BrokerSummaryRecord Summary { get; init; }

    public required BrokerSamplerRecord Sampler { get; init; }
}

/// <summary>
/// One tick of the broker's view: queue figures summed over the scenario's queues (utilisation: their mean), node
/// figures over the nodes (memory summed, alarms any, run queue max). <see cref="At"/> is seconds from the measurement's
/// start (negative in the warm-up); rates are per second over the time since the previous tick.
/// </summary>
public sealed record BrokerSecondRecord
{
    public double At { get; init; }

    /// <summary>"warm-up", "measure" or "drain", as the timeline flags its seconds.</summary>
    public required string Phase { get; init; }

    /// <summary>The scrape failed (on some node, for a cluster): the figures are missing (or partial), not zero.</summary>
    public bool Gap { get; init; }

    public double Ready { get; init; }

    public double Unacked { get; init; }

    public double Consumers { get; init; }

    /// <summary>RabbitMQ's consumer utilisation (0–1): the share of time the queue could hand a message to a consumer at once. Null when no queue reported it.</summary>
    public double? Utilisation { get; init; }

    public double PublishedPerSecond { get; init; }

    public double DeliveredPerSecond { get; init; }

    public double AckedPerSecond { get; init; }

    /// <summary>Quorum queues: the Raft entry commit latency in ms (mean over the queues); null for classic queues.</summary>
    public double? RaftCommitLatencyMs { get; init; }

    public double MemoryMb { get; init; }

    public double MemoryLimitMb { get; init; }

    public bool MemoryAlarm { get; init; }

    public bool DiskAlarm { get; init; }

    public double RunQueue { get; init; }

    public double ConnectionsOpenedPerSecond { get; init; }

    public double ConnectionsClosedPerSecond { get; init; }

    public double ChannelsOpenedPerSecond { get; init; }

    public double ChannelsClosedPerSecond { get; init; }

    /// <summary>A point of the measured window, fit for a summary: not warm-up, not drain, not a gap.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSample => Phase == BrokerPhases.Measure && !Gap;
}

/// <summary>The phase names a <see cref="BrokerSecondRecord"/> carries.</summary>
public static class BrokerPhases
{
    public const string WarmUp = "warm-up";
    public const string Measure = "measure";
    public const string Drain = "drain";
}

/// <summary>
/// Over the measured seconds (gaps left out): depth (ready) mean and max, unacked mean, utilisation mean, the broker's
/// message counts over the measured window (rates × their intervals: what it published, delivered and acked), alarm
/// seconds, the run queue's max, and the Raft commit latency's mean. <see cref="Samples"/> says how many seconds they rest on.
/// </summary>
public sealed record BrokerSummaryRecord
{
    public int Samples { get; init; }

    public int GapSeconds { get; init; }

    public double MeanReady { get; init; }

    public double MaxReady { get; init; }

    public double MeanUnacked { get; init; }

    public double? MeanUtilisation { get; init; }

    public double Published { get; init; }

    public double Delivered { get; init; }

    public double Acked { get; init; }

    public int MemoryAlarmSeconds { get; init; }

    public int DiskAlarmSeconds { get; init; }

    public double MaxRunQueue { get; init; }

    public double? MeanRaftCommitLatencyMs { get; init; }
}

/// <summary>What watching the broker cost: scrapes, failed scrapes, bytes read, and the sampler thread's own CPU.</summary>
public sealed record BrokerSamplerRecord(int Scrapes, int FailedScrapes, long BytesRead, double CpuSeconds)
{
    /// <summary>The first failed scrape's reason (credentials masked), or null.</summary>
    public string? FirstError { get; init; }
}

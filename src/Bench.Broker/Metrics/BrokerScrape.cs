namespace Bench.Broker.Metrics;

/// <summary>
/// One scrape of one node's /metrics/detailed: the scenario's queues (counters still cumulative, summed over the
/// channels that published to or consumed from them) and the node's own figures. Rates come from two scrapes' difference.
/// </summary>
public sealed record BrokerScrape
{
    /// <summary>The node as it names itself (rabbitmq_identity_info), or the endpoint when it does not say.</summary>
    public required string Node { get; init; }

    /// <summary>Stopwatch timestamp when the answer was read.</summary>
    public long Timestamp { get; init; }

    public Dictionary<string, QueueFigures> Queues { get; init; } = [];

    /// <summary>
    /// Cumulative per-series counters, keyed by family and labels (a channel's published-to-queue count): a channel that
    /// closes takes its series away, so differences are taken per series, never of the sums.
    /// </summary>
    public Dictionary<string, (string Queue, QueueCounter Counter, double Value)> Counters { get; init; } = [];

    public double MemoryBytes { get; init; }

    public double MemoryLimitBytes { get; init; }

    public double DiskFreeBytes { get; init; }

    public double DiskFreeLimitBytes { get; init; }

    public double RunQueue { get; init; }

    public double ConnectionsOpened { get; init; }

    public double ConnectionsClosed { get; init; }

    public double ChannelsOpened { get; init; }

    public double ChannelsClosed { get; init; }

    /// <summary>
    /// The memory alarm as RabbitMQ raises it: used memory at or above the high watermark (resident_memory_limit_bytes).
    /// The alarm families themselves are only on /metrics (84 KB a scrape on 3.10), so the sampler compares the two
    /// figures /metrics/detailed carries instead of reading that page every second.
    /// </summary>
    public bool MemoryAlarm => MemoryLimitBytes > 0 && MemoryBytes >= MemoryLimitBytes;

    /// <summary>The disk alarm likewise: free disk below disk_free_limit.</summary>
    public bool DiskAlarm => DiskFreeLimitBytes > 0 && DiskFreeBytes < DiskFreeLimitBytes;
}

/// <summary>A queue's gauges at one scrape.</summary>
public sealed record QueueFigures
{
    public double Ready { get; set; }

    public double Unacked { get; set; }

    public double Consumers { get; set; }

    /// <summary>RabbitMQ's consumer utilisation: the share of time the queue could hand a message to a consumer at once (0–1); null when not reported.</summary>
    public double? Utilisation { get; set; }

    /// <summary>Quorum queues: the Raft log's entry commit latency (seconds), null for classic queues.</summary>
    public double? RaftCommitLatencySeconds { get; set; }
}

/// <summary>The cumulative per-queue counters the sampler turns into rates.</summary>
public enum QueueCounter
{
    Published,
    Delivered,
    Acked,
}

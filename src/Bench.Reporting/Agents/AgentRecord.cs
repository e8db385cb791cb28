namespace Bench.Reporting.Agents;

/// <summary>
/// One load agent of a multi-agent run. An agent's own results carry it (its slice, its clock against the
/// coordinator's, when it really started); a merged run lists one per agent with its own figures kept beside the
/// merged ones, and a missing agent stays listed as missing.
/// </summary>
public sealed record AgentRecord
{
    /// <summary>0-based, as BENCH_AGENT_INDEX and Kubernetes' JOB_COMPLETION_INDEX count.</summary>
    public int Index { get; init; }

    public int Count { get; init; }

    public string? Host { get; init; }

    /// <summary>Never reported its results: the merged run is incomplete, and nothing was replayed in its place.</summary>
    public bool Missing { get; init; }

    /// <summary>The start the coordinator sent (its clock).</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Coordinator clock minus this agent's, from one request/reply (NTP's estimate: the reply assumed mid-way).</summary>
    public double? ClockOffsetMs { get; init; }

    /// <summary>The round trip of that exchange: the offset is known to ± half of it.</summary>
    public double? ClockRttMs { get; init; }

    /// <summary>When its measured window began, on the coordinator's clock, minus <see cref="StartAt"/>.</summary>
    public double? StartSkewMs { get; init; }

    /// <summary>Where its own results are (a merge: the file read; a coordinator: the copy it wrote).</summary>
    public string? Source { get; init; }

    public long Issued { get; init; }

    public long Ok { get; init; }

    public double Throughput { get; init; }

    public double P99Us { get; init; }
}

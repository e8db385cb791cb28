namespace Bench.Reporting;

/// <summary>
/// One injected fault (`--fault KIND@T[+D]`) and what it did: its window on the scenario's timeline (seconds from the
/// start of measurement), how long until ok/s was back, and the requests that failed or timed out inside the window.
/// </summary>
public sealed record FaultRecord
{
    /// <summary>broker-restart, broker-kill, connection-close, memory-alarm, worker-kill or worker-pause.</summary>
    public required string Kind { get; init; }

    /// <summary>The spec as given, e.g. "broker-restart@15s+6s".</summary>
    public required string Spec { get; init; }

    /// <summary>When the fault was injected, in seconds from the start of measurement.</summary>
    public double AtSeconds { get; init; }

    /// <summary>How long the fault lasted (for broker-kill: until the node accepted connections again).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>
    /// From the end of the fault to the first timeline second with ok/s at 80% or more of the mean before it; null when
    /// that never happened within the run (or the rate before the fault was zero).
    /// </summary>
    public double? RecoverySeconds { get; init; }

    /// <summary>Mean ok/s over the seconds before the fault.</summary>
    public double OkPerSecondBefore { get; init; }

    /// <summary>
    /// Requests failed (transport or remote error) in the timeline seconds from the fault until recovery plus the call
    /// timeout (a call lost in the window times out that much later), or the end.
    /// </summary>
    public long FailedInWindow { get; init; }

    public long TimedOutInWindow { get; init; }

    /// <summary>
    /// Client-observed downtime: the whole timeline seconds, from the one holding the fault to the end of the run, with
    /// ok/s below half the mean before it. Null when there was no rate before the fault to compare with.
    /// </summary>
    public double? DowntimeSeconds { get; init; }

    /// <summary>Cluster faults: the node hit (and what it was: the queue's leader or a follower).</summary>
    public string? Node { get; init; }

    /// <summary>memory-alarm: how often clients saw connection.blocked.</summary>
    public long? Blocked { get; init; }

    /// <summary>
    /// Why recovery could not be judged, when it could not: the fault was never injected, or the run ended before a
    /// whole second after the fault's end. Null when it was judged. An unjudged fault does not fail the run.
    /// </summary>
    public string? Unjudged { get; init; }

    /// <summary>Anything else worth saying (a worker's pid, a problem injecting it).</summary>
    public string? Note { get; init; }
}

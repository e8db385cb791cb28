namespace Bench.Load;

/// <summary>Everything one measured run of a scenario produced. Latency is of ok requests; every request is counted once.</summary>
public sealed class ScenarioResult
{
    public required string ScenarioId { get; init; }

    public required string Load { get; init; }

    public required bool OpenModel { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the warm-up ran: the time asked, and longer while the JIT was still compiling (<see cref="WarmUp"/>).</summary>
    public required double WarmUpSeconds { get; init; }

    /// <summary>False when the JIT was still compiling at the end of the warm-up's longest extension: the window includes start-up.</summary>
    public bool WarmUpSettled { get; init; } = true;

    /// <summary>From the first request of the measured phase to the completion of the last (issue window + drain).</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>The issue window: from the first request to the moment the last was issued (or the load's deadline).</summary>
    public double IssueSeconds { get; init; }

    /// <summary>After the issue window, waiting for what was still in flight (and, for casts, for the workers to drain).</summary>
    public double DrainSeconds => Math.Max(0, DurationSeconds - IssueSeconds);

    /// <summary>Ok requests completed by the end of the issue window: throughput's numerator.</summary>
    public long OkInIssueWindow { get; init; }

    /// <summary>Open model: requests abandoned at the drain timeout that completed afterwards (counted once, as timed out).</summary>
    public long LateCompletions { get; init; }

    public required bool Incomplete { get; init; }

    public string? StopReason { get; init; }

    public required long Issued { get; init; }

    public required long Ok { get; init; }

    public required long Failed { get; init; }

    /// <summary>Timed out, including requests still in flight when the drain timeout ran out (<see cref="Abandoned"/>).</summary>
    public required long TimedOut { get; init; }

    public required long Abandoned { get; init; }

    /// <summary>Open model: requests that started later than the late threshold after their intended time.</summary>
    public required long LateStarts { get; init; }

    public required long MaxLatenessNs { get; init; }

    public required LatencyHistogram Corrected { get; init; }

    public required LatencyHistogram Raw { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    public required IReadOnlyList<ErrorSample> Errors { get; init; }

    public required IReadOnlyList<CpuCost> Cost { get; init; }

    public bool Accounted => Issued == Ok + Failed + TimedOut;

    /// <summary>
    /// Ok requests per second over the issue window, not the whole duration: a drain tail (one lost reply waiting out
    /// its timeout) would otherwise divide the run's work by seconds in which nothing was asked of the system.
    /// </summary>
    public double Throughput => IssueSeconds > 0 ? OkInIssueWindow / IssueSeconds : DurationSeconds > 0 ? Ok / DurationSeconds : 0;
}

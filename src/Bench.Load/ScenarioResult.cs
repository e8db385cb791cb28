namespace Bench.Load;

/// <summary>Everything one measured run of a scenario produced. Latency is of ok requests; every request is counted once.</summary>
public sealed class ScenarioResult
{
    public required string ScenarioId { get; init; }

    public required string Load { get; init; }

    public required bool OpenModel { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double WarmUpSeconds { get; init; }

    /// <summary>From the first request of the measured phase to the completion of the last.</summary>
    public required double DurationSeconds { get; init; }

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

    public double Throughput => DurationSeconds > 0 ? Ok / DurationSeconds : 0;
}

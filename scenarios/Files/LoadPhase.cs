namespace Bench.Scenarios.Files;

/// <summary>
/// One load phase of a scenario file, run in order. A warm-up phase is not measured: it becomes the warm-up of the
/// measured phase after it. Every measured phase becomes its own scenario run (its own record, timeline and
/// thresholds): a closed model of <see cref="Outstanding"/> requests, a constant open-model rate, or a ramp from
/// <see cref="Rate"/> to <see cref="RampTo"/>. Each ends after <see cref="DurationSeconds"/> or <see cref="Requests"/>.
/// </summary>
internal sealed record LoadPhase
{
    /// <summary>"warmup", "ramp", "constant" or "outstanding".</summary>
    public required string Kind { get; init; }

    public double? DurationSeconds { get; init; }

    public long? Requests { get; init; }

    /// <summary>Constant: the rate (requests/s). Ramp: the rate it starts at.</summary>
    public double? Rate { get; init; }

    /// <summary>Ramp: the rate it ends at.</summary>
    public double? RampTo { get; init; }

    /// <summary>Outstanding: requests kept in flight (closed model).</summary>
    public int? Outstanding { get; init; }
}

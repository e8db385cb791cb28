namespace Bench.Reporting.Sweeps;

/// <summary>One step of a capacity search: a short open-model run at <see cref="Offered"/> requests/s.</summary>
public sealed record RateStepRecord
{
    public double Offered { get; init; }

    /// <summary>ok/s in the step's measured window.</summary>
    public double Achieved { get; init; }

    public long Issued { get; init; }

    /// <summary>Requests the generator started over 1 ms after their intended time.</summary>
    public long LateStarts { get; init; }

    /// <summary>p99 from intended start (µs): round trip for calls, one-way at the worker for casts.</summary>
    public double P99Us { get; init; }

    /// <summary>Why the step failed (late starts, or past the knee); null when it passed.</summary>
    public string? Failure { get; init; }
}

namespace Bench.Reporting;

/// <summary>Something that happened to a worker process during a scenario: it exited, was restarted, or was given up on.</summary>
public sealed record WorkerEventRecord
{
    public required string Worker { get; init; }

    /// <summary>exited, restarted or gave-up.</summary>
    public required string Event { get; init; }

    /// <summary>Seconds from the start of measurement (negative: during warm-up).</summary>
    public double AtSeconds { get; init; }

    /// <summary>"exit code 1" or "killed by signal 9 (SIGKILL)".</summary>
    public string? Exit { get; init; }

    /// <summary>False when no fault asked for it: such an exit fails the run.</summary>
    public bool Expected { get; init; }

    /// <summary>The last lines the worker logged before it exited.</summary>
    public string? LastLog { get; init; }
}

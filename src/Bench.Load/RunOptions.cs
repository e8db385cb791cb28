namespace Bench.Load;

/// <summary>How a scenario run is observed: live progress, CPU sources, error sampling, cancellation (Ctrl-C).</summary>
public sealed record RunOptions
{
    public Action<ProgressSnapshot>? OnProgress { get; init; }

    /// <summary>This process, reported as "client": its CPU, work items and compiled methods.</summary>
    public CpuSource Client { get; init; } = CpuSource.Self();

    /// <summary>Processes whose CPU time is reported besides this one (<see cref="Client"/>).</summary>
    public IReadOnlyList<CpuSource> CpuSources { get; init; } = [];

    public int ErrorSamplesPerKind { get; init; } = 10;

    /// <summary>
    /// Runs after the warm-up has drained and before measuring starts, with the number of warm-up requests issued
    /// (casts use it to wait until the worker has received the warm-up, then reset the worker's statistics).
    /// </summary>
    public Func<long, CancellationToken, Task>? BeforeMeasurement { get; init; }

    /// <summary>
    /// Runs after the in-flight requests have drained and before CPU and totals are read: casts wait there until the
    /// workers have received what was sent, so the CPU the workers and broker spend on the backlog is counted. It is
    /// given the number of ok requests.
    /// </summary>
    public Func<long, CancellationToken, Task>? AfterDrain { get; init; }

    /// <summary>Stops issuing; in-flight requests are still awaited and counted, and the result is marked incomplete.</summary>
    public CancellationToken Cancellation { get; init; }
}

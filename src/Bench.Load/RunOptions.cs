namespace Bench.Load;

/// <summary>How a scenario run is observed: live progress, CPU sources, error sampling, cancellation (Ctrl-C).</summary>
public sealed record RunOptions
{
    public Action<ProgressSnapshot>? OnProgress { get; init; }

    /// <summary>Processes whose CPU time is reported; this process is always included as "client".</summary>
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

    /// <summary>
    /// Keep each second's latency histogram, sparse, in its <see cref="TimelinePoint.Buckets"/>: windowed latency
    /// thresholds (`--assert 'p99&lt;50ms over 5s'`) merge them exactly. One small array per second, never per request.
    /// </summary>
    public bool KeepSecondHistograms { get; init; }
}

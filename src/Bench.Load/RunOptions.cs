namespace Bench.Load;

/// <summary>How a scenario run is observed: live progress, CPU sources, error sampling, cancellation (Ctrl-C).</summary>
public sealed record RunOptions
{
    public Action<ProgressSnapshot>? OnProgress { get; init; }

    /// <summary>Processes whose CPU time is reported; this process is always included as "client".</summary>
    public IReadOnlyList<CpuSource> CpuSources { get; init; } = [];

    public int ErrorSamplesPerKind { get; init; } = 10;

    /// <summary>Stops issuing; in-flight requests are still awaited and counted, and the result is marked incomplete.</summary>
    public CancellationToken Cancellation { get; init; }
}

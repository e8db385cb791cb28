namespace Bench.Reporting;

/// <summary>Where a run happened: enough to tell two results apart and to know whether they may be compared.</summary>
public sealed record EnvironmentRecord
{
    public string? GitSha { get; init; }

    public bool GitDirty { get; init; }

    public required string DotNet { get; init; }

    public required string Os { get; init; }

    /// <summary>Runtime settings that change what is measured (thread-pool spinning, GC mode).</summary>
    public string? Runtime { get; init; }

    public required string CpuModel { get; init; }

    public required int Cores { get; init; }

    public required string MachineName { get; init; }

    public string? BrokerVersion { get; init; }

    /// <summary>The broker's address, password masked; "private" nodes are Bench's own.</summary>
    public string? Broker { get; init; }

    public bool PrivateBroker { get; init; }
}

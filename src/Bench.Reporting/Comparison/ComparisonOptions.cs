namespace Bench.Reporting.Comparison;

/// <summary>
/// When a difference counts: it must be statistically significant (p &lt; <see cref="Alpha"/>) AND larger than
/// <see cref="Threshold"/> relative AND larger than an absolute noise floor — a bare ratio cries wolf on shared runners.
/// </summary>
public sealed record ComparisonOptions
{
    /// <summary>Relative change that matters (0.05 = 5%).</summary>
    public double Threshold { get; init; } = 0.05;

    /// <summary>Latency changes smaller than this many µs are noise.</summary>
    public double LatencyNoiseUs { get; init; } = 20;

    /// <summary>Throughput changes smaller than this many requests/s are noise.</summary>
    public double ThroughputNoise { get; init; } = 50;

    /// <summary>Microbenchmark changes smaller than this many ns are noise.</summary>
    public double BenchmarkNoiseNs { get; init; } = 1;

    public double Alpha { get; init; } = 0.05;

    /// <summary>Settings left out when matching (e.g. sleepMs, to compare a slower worker with a faster one).</summary>
    public IReadOnlySet<string> IgnoredSettings { get; init; } = new HashSet<string>();
}

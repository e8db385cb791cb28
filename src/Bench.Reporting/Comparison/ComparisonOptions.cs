namespace Bench.Reporting.Comparison;

/// <summary>
/// When a difference counts: it must be statistically significant across repetitions (p &lt; <see cref="Alpha"/>) AND
/// larger than <see cref="Threshold"/> relative AND larger than a noise floor (absolute, but never more than half the
/// threshold of the value) — a bare ratio cries wolf on shared runners.
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

    /// <summary>
    /// With one repetition a side nothing can be tested: a change shown with its direction (untested, never a failure)
    /// must pass this many thresholds (3 × 5% = 15%).
    /// </summary>
    public double UntestedFactor { get; init; } = 3;

    /// <summary>An error-rate rise smaller than this (absolute: 0.001 = 0.1 percentage point) is not a regression.</summary>
    public double ErrorRateFloor { get; init; } = 0.001;

    /// <summary>p99.9 is judged only when every repetition has at least this many ok requests (10 above the quantile).</summary>
    public long MinOkForP999 { get; init; } = 10_000;

    /// <summary>This machine's run-to-run noise from `bench calibrate`: with it, one run a side is tested against it.</summary>
    public NoiseProfile? Noise { get; init; }

    /// <summary>Settings left out when matching (e.g. sleepMs, to compare a slower worker with a faster one).</summary>
    public IReadOnlySet<string> IgnoredSettings { get; init; } = new HashSet<string>();
}

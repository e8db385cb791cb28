namespace Bench.Reporting.History;

/// <summary>A scenario as history keeps it.</summary>
public sealed record HistoryScenario
{
    public required string Id { get; init; }

    public required string SettingsKey { get; init; }

    /// <summary>Which repetition of the variant (1-based): a run with --repeat N keeps N entries per variant.</summary>
    public int Repetition { get; init; } = 1;

    public bool Incomplete { get; init; }

    /// <summary>issued = ok + failed + timed out held (and, for casts, every delivery arrived). Old entries lack it: true.</summary>
    public bool Accounted { get; init; } = true;

    /// <summary>The open model's generator fell behind (late starts above --max-late): compared as invalid. Old entries lack it: false.</summary>
    public bool GeneratorLimited { get; init; }

    public required string Model { get; init; }

    public required string LatencyKind { get; init; }

    public long Issued { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long TimedOut { get; init; }

    public double Throughput { get; init; }

    public double P50Us { get; init; }

    public double P99Us { get; init; }

    public double P999Us { get; init; }

    public double MaxUs { get; init; }

    public double MeanUs { get; init; }

    public double StdDevUs { get; init; }

    public required CompactHistogram Histogram { get; init; }

    /// <summary>Per full second: ok/s, p50 µs, p99 µs (the samples comparisons test on).</summary>
    public double[] ThroughputPerSecond { get; init; } = [];

    public double[] P50PerSecond { get; init; } = [];

    public double[] P99PerSecond { get; init; } = [];
}

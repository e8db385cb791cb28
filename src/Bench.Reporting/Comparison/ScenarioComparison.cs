namespace Bench.Reporting.Comparison;

/// <summary>One matched measurement, base against diff: deltas, p-values and the verdict with its reason.</summary>
public sealed record ScenarioComparison(
    string Key, string Label, Verdict Verdict, string Reason,
    double BaseThroughput, double DiffThroughput, double? ThroughputP,
    double BaseP50Us, double DiffP50Us, double? P50P,
    double BaseP99Us, double DiffP99Us, double BaseP999Us, double DiffP999Us)
{
    public double BaseErrorRate { get; init; }

    public double DiffErrorRate { get; init; }

    public int BaseRepetitions { get; init; } = 1;

    public int DiffRepetitions { get; init; } = 1;

    /// <summary>The smallest change the comparison would have found at 95% power (with repetitions), as a fraction.</summary>
    public double? MinDetectableChange { get; init; }

    /// <summary>
    /// One repetition a side and no measured noise: the difference (its direction kept in the verdict) could not be
    /// tested, so it never fails a comparison.
    /// </summary>
    public bool Untested { get; init; }

    /// <summary>When the minimum detectable change is above the threshold: repetitions a side that would bring it under.</summary>
    public int? SuggestedRepetitions { get; init; }

    public static double Change(double baseValue, double diffValue) => baseValue == 0 ? 0 : (diffValue - baseValue) / baseValue;
}

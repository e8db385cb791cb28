namespace Bench.Reporting.Comparison;

/// <summary>One matched measurement, base against diff: deltas, p-values and the verdict with its reason.</summary>
public sealed record ScenarioComparison(
    string Key, string Label, Verdict Verdict, string Reason,
    double BaseThroughput, double DiffThroughput, double? ThroughputP,
    double BaseP50Us, double DiffP50Us, double? P50P,
    double BaseP99Us, double DiffP99Us, double BaseP999Us, double DiffP999Us)
{
    public static double Change(double baseValue, double diffValue) => baseValue == 0 ? 0 : (diffValue - baseValue) / baseValue;
}

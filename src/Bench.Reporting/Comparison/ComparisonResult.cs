namespace Bench.Reporting.Comparison;

/// <summary>All of a comparison: matched measurements and what only one side has.</summary>
public sealed record ComparisonResult(string BaseName, string DiffName, IReadOnlyList<ScenarioComparison> Rows, IReadOnlyList<string> OnlyInBase, IReadOnlyList<string> OnlyInDiff)
{
    public bool HasRegression => Rows.Any(r => r.Verdict == Verdict.Slower);
}

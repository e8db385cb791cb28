namespace Bench.Reporting.Comparison;

/// <summary>All of a comparison: matched measurements and what only one side has.</summary>
public sealed record ComparisonResult(string BaseName, string DiffName, IReadOnlyList<ScenarioComparison> Rows, IReadOnlyList<string> OnlyInBase, IReadOnlyList<string> OnlyInDiff)
{
    /// <summary>Rows are BenchmarkDotNet cases (mean time per operation) rather than scenarios.</summary>
    public bool Benchmarks { get; init; }

    /// <summary>A tested regression: an untested difference of one run a side never fails a comparison.</summary>
    public bool HasRegression => Rows.Any(r => r.Verdict == Verdict.Slower && !r.Untested);

    /// <summary>A matched measurement could not be judged (incomplete, unaccounted or generator-limited): a comparison that fails too.</summary>
    public bool HasInvalid => Rows.Any(r => r.Verdict == Verdict.Invalid);
}

namespace Bench.Reporting.Sweeps;

/// <summary>
/// Which swept settings a run asked about. The default and quick suites vary outstanding, route and load model to put
/// each scenario beside its baseline: that is how they are built, not a question, so only what the user swept on top
/// (`--suite default --prefetch 1,10,100`, recorded in <see cref="RunResult.SweptSettings"/>) is. Every other run —
/// a sweep, the Celery suite's knobs, the full suite — asks about everything it varied.
/// </summary>
public static class AskedSettings
{
    private static readonly string[] s_baselineSuites = ["default", "quick"];

    /// <summary>The settings asked about, or null for all.</summary>
    public static IReadOnlySet<string>? Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return IsBaselineSuite(run) ? (run.SweptSettings ?? []).ToHashSet(StringComparer.Ordinal) : null;
    }

    /// <summary>A suite that pairs Bench's scenarios with raw baselines: its report leads with the headline.</summary>
    public static bool IsBaselineSuite(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return s_baselineSuites.Contains(run.Suite, StringComparer.Ordinal);
    }
}

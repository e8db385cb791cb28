using Bench.Reporting;
using Bench.Reporting.Comparison;
using Bench.Reporting.History;
using Bench.Reporting.Html;

namespace Bench.Scenarios.Runs;

/// <summary>Writes report.html for runs (used by `bench run` and `bench report`), with settings compared inside each run.</summary>
internal static class ReportWriter
{
    /// <summary>Writes the report; returns null with a one-line reason when plotly.js is not installed.</summary>
    public static string? Write(IReadOnlyList<RunResult> runs, string path, string? repositoryRoot, IReadOnlyList<HistoryEntry>? history, BenchmarkDotNetResults? benchmarks, out string? problem)
    {
        var plotly = PlotlyAsset.Find(repositoryRoot);
        if (plotly is null)
        {
            problem = "no report: plotly.js is not installed (run scripts/setup.sh, which installs the npm package plotly.js-dist-min)";
            return null;
        }

        var comparisons = runs.Select(SettingsComparison).Where(c => c.Rows.Count > 0).ToList();
        var comparisonHtml = comparisons.Count == 0 ? null : string.Concat(comparisons.Select(ResultComparer.ToHtml));
        ResultStore.WriteTextAtomic(path, HtmlReport.Render(runs, File.ReadAllText(plotly), history, benchmarks, comparisonHtml));
        problem = null;
        return path;
    }

    /// <summary>
    /// Variants of one scenario inside one run (prefetch 1 against 100, reply queue against direct reply-to, …) compared
    /// with the same test as revisions are: each against the scenario's first variant in the run.
    /// </summary>
    public static ComparisonResult SettingsComparison(RunResult run)
    {
        var rows = new List<ScenarioComparison>();
        // Only variants under the same load: 64 outstanding against 1 is a different experiment, not a slower setting.
        var load = run.Scenarios.GroupBy(s => s.Id + "|" + s.SettingsKey) // repetitions share a key
            .ToDictionary(g => g.Key, g => string.Join(',', g.First().Settings.Where(kv => kv.Key is "model" or "outstanding" or "rate").Select(kv => kv.Value)));
        foreach (var group in Measurement.From(run).GroupBy(m => m.Id + "|" + load[m.Key]).Where(g => g.Count() > 1))
        {
            var first = group.First();
            rows.AddRange(group.Skip(1).Select(other => ResultComparer.CompareOne(first, other, new ComparisonOptions()) with { Label = other.Label + "  vs  " + first.Label }));
        }

        return new ComparisonResult(run.RunId + " (first variant of each scenario)", "its other variants", rows, [], []);
    }
}

using Bench.Reporting;
using Bench.Reporting.History;
using Bench.Reporting.Html;

namespace Bench.Harness.Runs;

/// <summary>
/// Writes report.html for runs (used by `bench run` and `bench report`). The report compares a run's variants itself:
/// each against its neighbours along every swept setting, with the verdict in words at the top.
/// </summary>
public static class ReportWriter
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

        InlineScript.WritePage(path, HtmlReport.Render(runs, InlineScript.Marker, history, benchmarks), plotly);
        problem = null;
        return path;
    }
}

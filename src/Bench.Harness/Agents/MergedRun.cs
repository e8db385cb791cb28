using Bench.Harness;
using Bench.Harness.Runs;
using Bench.Reporting;

namespace Bench.Harness.Agents;

/// <summary>A merged run written like any run: results.json, summary.md and report.html in its folder, and the paths said.</summary>
public static class MergedRun
{
    public static void Write(RunResult merged, string outputDirectory)
    {
        var results = Path.Combine(outputDirectory, ResultStore.ResultsFileName);
        var summary = Path.Combine(outputDirectory, "summary.md");
        ResultStore.Write(results, merged);
        ResultStore.WriteTextAtomic(summary, MarkdownSummary.Render(merged));
        Bench.Reporting.Exports.ResultExports.WriteAll(merged, outputDirectory);
        var root = RepositoryRoot.Find();
        var report = ReportWriter.Write([merged], Path.Combine(outputDirectory, "report.html"), root, null, null, out var problem);
        Console.WriteLine($"results: {results}");
        Console.WriteLine($"summary: {summary}");
        Console.WriteLine(report is null ? "bench: " + problem : "report:  " + report);
        if (merged.Incomplete)
        {
            Console.Error.WriteLine("bench: merged run incomplete: " + merged.StopReason);
        }
    }

    /// <summary>One line per merged scenario: the figures a user looks at first.</summary>
    public static void Print(RunResult merged)
    {
        foreach (var s in merged.Scenarios)
        {
            var l = s.OneWay ?? s.Latency.Corrected;
            Console.WriteLine(System.FormattableString.Invariant($"merged {s.Id}: {s.Throughput:N0} ok/s, p50 {l.P50Us:N1} µs, p99 {l.P99Us:N1} µs, {s.Counts.Issued:N0} issued = {s.Counts.Ok:N0} ok + {s.Counts.Failed:N0} failed + {s.Counts.TimedOut:N0} timed out; start skew {Reporting.Agents.AgentTable.Spread(merged.Agents ?? [])}"));
        }
    }
}

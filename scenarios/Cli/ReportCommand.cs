using Bench.Harness;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.History;

namespace Bench.Scenarios.Cli;

/// <summary>`bench report RESULTS...`: one offline HTML report (Plotly charts, tables) for one or more runs.</summary>
internal static class ReportCommand
{
    public const string Usage = "bench report RESULTS... [--out FILE] [--benchmarks DIR|none] [--history DIR|none]";

    public static int Run(IReadOnlyList<string> arguments)
    {
        var paths = arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var args = new CliArgs(arguments.Skip(paths.Count), new HashSet<string>());
        var output = args.String("out");
        var benchmarksPath = args.String("benchmarks");
        var historyPath = args.String("history");
        args.EnsureAllUsed();
        if (paths.Count == 0)
        {
            throw new UsageException("give at least one results file or run folder");
        }

        var runs = paths.Select(ResultStore.Read).ToList();
        var root = RepositoryRoot.Find();
        output ??= paths.Count == 1 && Directory.Exists(paths[0]) ? Path.Combine(paths[0], "report.html") : "report.html";
        var written = ReportWriter.Write(runs, output, root, LoadHistory(historyPath, root), LoadBenchmarks(benchmarksPath, root), out var problem);
        if (written is null)
        {
            throw new UsageException(problem!);
        }

        Console.WriteLine("report: " + Path.GetFullPath(written));
        return 0;
    }

    internal static List<HistoryEntry>? LoadHistory(string? path, string? root)
    {
        if (path == "none")
        {
            return null;
        }

        var directory = path ?? (root is null ? null : Path.Combine(root, "results", "history"));
        return directory is not null && File.Exists(Path.Combine(directory, "index.json")) ? new HistoryStore(directory).LoadAll() : null;
    }

    internal static BenchmarkDotNetResults? LoadBenchmarks(string? path, string? root)
    {
        if (path == "none")
        {
            return null;
        }

        var directory = path ?? (root is null ? null : Path.Combine(root, "results", "benchmarks", "latest"));
        return directory is not null && (File.Exists(directory) || (Directory.Exists(directory) && Directory.GetFiles(directory, "*-report-full.json").Length > 0))
            ? BenchmarkDotNetResults.Read(directory)
            : null;
    }
}

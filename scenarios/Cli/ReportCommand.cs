using Bench.Harness;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.History;
using Bench.Reporting.Tables;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench report RESULTS...`: one offline HTML report (Plotly charts, tables) for one or more runs, or, with --format,
/// any other file a run writes, made again from its stored results: json, md (summary.md), csv, hlog; or, with
/// `--table NAME`, one of the markdown figure tables (<see cref="FigureTables"/>) on stdout.
/// </summary>
internal static class ReportCommand
{
    public const string Usage = "bench report RESULTS... [--format html|md|csv|hlog|json] [--out FILE|DIR] [--benchmarks DIR|none] [--history DIR|none] | bench report --table NAME RESULTS...";

    private static readonly string[] s_formats = ["html", "md", "csv", "hlog", "json"];

    public static int Run(IReadOnlyList<string> arguments)
    {
        if (arguments.Count > 0 && arguments[0] == "--table")
        {
            return Table(arguments.Skip(1).ToList());
        }

        var (paths, args) = CliArgs.Split(arguments);
        var output = args.String("out");
        var benchmarksPath = args.String("benchmarks");
        var historyPath = args.String("history");
        var format = args.String("format") ?? "html";
        args.EnsureAllUsed();
        if (paths.Count == 0)
        {
            throw new UsageException("give at least one results file or run folder");
        }

        if (!s_formats.Contains(format, StringComparer.Ordinal))
        {
            throw new UsageException($"--format must be one of {string.Join(", ", s_formats)}, not '{format}'");
        }

        var runs = paths.Select(ResultStore.Read).ToList();
        if (format != "html")
        {
            return ReportFormats.Write(format, runs, paths, output);
        }

        var root = RepositoryRoot.Find();
        output = output is not null ? OutputFile.Resolve(output, "report.html")
            : paths.Count == 1 && Directory.Exists(paths[0]) ? Path.Combine(paths[0], "report.html") : "report.html";
        var written = ReportWriter.Write(runs, output, root, LoadHistory(historyPath, root), LoadBenchmarks(benchmarksPath, root), out var problem);
        if (written is null)
        {
            throw new UsageException(problem!);
        }

        Console.WriteLine("report: " + Path.GetFullPath(written));
        return 0;
    }

    // `--table NAME RESULTS...`: the table on stdout; an unknown name or a flag among the results is one line, exit 2.
    private static int Table(List<string> arguments)
    {
        var name = arguments.FirstOrDefault();
        if (name is null || name.StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("--table needs a name (" + FigureTables.Names + ")");
        }

        var table = FigureTables.Find(name) ?? throw new UsageException($"unknown table '{name}' (tables: {FigureTables.Names})");
        var paths = arguments.Skip(1).ToList();
        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } flag)
        {
            throw new UsageException($"--table takes no other option ('{flag}'): bench report --table {name} RESULTS...");
        }

        if (paths.Count == 0)
        {
            throw new UsageException($"--table {name} needs its results: {table.Inputs}");
        }

        Console.Write(table.Render(paths));
        return 0;
    }

    internal static List<HistoryEntry>? LoadHistory(string? path, string? root)
    {
        if (path == "none")
        {
            return null;
        }

        var directory = path ?? (root is null ? null : HistoryLocation.InCheckout(root));
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

using Bench.Reporting;
using Bench.Reporting.Exports;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench report --format md|csv|hlog|json`: one run's stored results written again as summary.md, CSV tables,
/// HdrHistogram logs or results JSON. Without --out they go where `bench run` puts them (in the run's folder; JSON to
/// standard output).
/// </summary>
internal static class ReportFormats
{
    public static int Write(string format, IReadOnlyList<RunResult> runs, IReadOnlyList<string> paths, string? output)
    {
        if (runs.Count != 1)
        {
            throw new UsageException($"--format {format} writes one run's files: give one results file or run folder");
        }

        var run = runs[0];
        var folder = Directory.Exists(paths[0]) ? paths[0] : Path.GetDirectoryName(Path.GetFullPath(paths[0]))!;
        switch (format)
        {
            case "md":
                output = output is null ? Path.Combine(folder, "summary.md") : OutputFile.Resolve(output, "summary.md");
                ResultStore.WriteTextAtomic(output, MarkdownSummary.Render(run));
                Console.WriteLine("summary: " + Path.GetFullPath(output));
                break;
            case "csv":
                var tables = ResultExports.WriteCsv(run, output ?? Path.Combine(folder, "csv"));
                Console.WriteLine($"csv: {tables.Count} files in {Path.GetFullPath(Path.GetDirectoryName(tables[0])!)}");
                break;
            case "hlog":
                var logs = ResultExports.WriteHlogs(run, output ?? Path.Combine(folder, "hlog"));
                Console.WriteLine($"hlog: {logs.Count} files in {Path.GetFullPath(output ?? Path.Combine(folder, "hlog"))}");
                break;
            default:
                if (output is null)
                {
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(run, ResultStore.Options));
                }
                else
                {
                    output = OutputFile.Resolve(output, "results.json");
                    ResultStore.Write(output, run);
                    Console.WriteLine("results: " + Path.GetFullPath(output));
                }

                break;
        }

        return 0;
    }
}

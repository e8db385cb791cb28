using System.Globalization;
using System.Text;
using Bench.Harness;
using Bench.Reporting;
using Bench.Reporting.History;
using Bench.Reporting.Html;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench history record [RUN]` adds a run (default: the newest in results/runs) as a compact revision;
/// `bench history promote [REVISION]` makes one the baseline (default: latest); `bench history list` shows them;
/// `bench history changes` lists every measurement's change points (<see cref="ChangePointSearch"/>); `bench history
/// page OUT/` writes the trend page (OUT/index.html, <see cref="TrendPage"/>).
/// </summary>
internal static class HistoryCommand
{
    public const string Usage = "bench history record [RUN] | promote [latest|SHA|FILE] | list | trend [--markdown FILE] | changes [--markdown FILE] | page OUT/ [--commit-url URL{sha}] [--report-url URL{run}]  [--history DIR]";

    public static int Run(IReadOnlyList<string> arguments)
    {
        var (positional, args) = CliArgs.Split(arguments);
        var root = RepositoryRoot.Find() ?? Environment.CurrentDirectory;
        var store = HistoryLocation.Open(args, root);
        var markdownPath = args.String("markdown");
        var links = new TrendPage.Links(args.String("commit-url"), args.String("report-url"));
        args.EnsureAllUsed();
        switch (positional.FirstOrDefault())
        {
            case "record":
                var runPath = positional.ElementAtOrDefault(1) ?? NewestRun(root);
                var run = ResultStore.Read(runPath);
                var file = store.Record(run);
                var size = new FileInfo(Path.Combine(store.Directory, file)).Length;
                Console.WriteLine($"recorded {run.RunId} as {Path.Combine(store.Directory, file)} ({size / 1024.0:0.0} KiB){(run.Incomplete ? " — incomplete run" : string.Empty)}");
                return 0;
            case "promote":
                var entry = store.Promote(positional.ElementAtOrDefault(1) ?? "latest");
                Console.WriteLine($"baseline: {entry.File} ({entry.RunId})");
                return 0;
            case "list":
                var index = store.ReadIndex();
                foreach (var e in index.Entries)
                {
                    Console.WriteLine($"{(e.File == index.Baseline ? "*" : " ")} {e.File}  {e.RunId}  suite {e.Suite}{(e.Incomplete ? "  incomplete" : string.Empty)}");
                }

                return 0;
            case "trend":
                var baseline = store.Find("baseline") ?? throw new UsageException("no baseline revision: `bench history promote` one first");
                var series = TrendRule.Evaluate(store.LoadAll(), store.Load(baseline.File));
                var markdown = TrendRule.ToMarkdown(series, baseline.File);
                Console.WriteLine(markdown);
                if (markdownPath is not null)
                {
                    ResultStore.WriteTextAtomic(markdownPath, markdown);
                }

                return series.Any(t => t.Shift) ? 1 : 0;
            case "changes":
                var changes = Changes(store.LoadAll());
                Console.WriteLine(changes);
                if (markdownPath is not null)
                {
                    ResultStore.WriteTextAtomic(markdownPath, changes);
                }

                return 0;
            case "page":
                var outDir = positional.ElementAtOrDefault(1) ?? throw new UsageException("history page needs the folder to write: bench history page OUT/");
                var plotly = PlotlyAsset.Find(root) ?? throw new UsageException("no page: plotly.js is not installed (run scripts/setup.sh)");
                var entries = store.LoadAll();
                Directory.CreateDirectory(outDir);
                var page = Path.Combine(outDir, "index.html");
                InlineScript.WritePage(page, TrendPage.Render(entries, InlineScript.Marker, links), plotly);
                Console.WriteLine($"trend page: {Path.GetFullPath(page)} ({entries.Count} night(s))");
                return 0;
            default:
                throw new UsageException("history takes record, promote, list, trend, changes or page");
        }
    }

    /// <summary>Every measurement's change points as markdown: what the trend page marks, for a job summary.</summary>
    private static string Changes(IReadOnlyList<HistoryEntry> entries)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Change points over {entries.Count(e => !e.Incomplete)} night(s) (E-Divisive means, t-test p < {ChangePointSearch.MaxP}, shift ≥ {ChangePointSearch.MinShift:0%})");
        text.AppendLine();
        text.AppendLine("| measurement | figure | first revision at the new level | change [95% interval] | p |");
        text.AppendLine("|---|---|---|---|---|");
        var found = 0;
        foreach (var series in HistorySeries.From(entries))
        {
            foreach (var (name, value, _, logScale) in HistorySeries.Figures)
            {
                foreach (var (point, night) in series.ChangePoints(value, logScale))
                {
                    found++;
                    text.AppendLine(logScale
                        ? string.Create(CultureInfo.InvariantCulture, $"| `{series.Label}` ({series.Suite}) | {name} | {night.Date} `{night.ShortSha}` | {point.Change:+0.0%;-0.0%} [{point.Low:+0.0%;-0.0%}, {point.High:+0.0%;-0.0%}] | {point.P:0.####} |")
                        : string.Create(CultureInfo.InvariantCulture, $"| `{series.Label}` ({series.Suite}) | {name} | {night.Date} `{night.ShortSha}` | {point.Change * 100:+0.00;-0.00} pp [{point.Low * 100:+0.00;-0.00}, {point.High * 100:+0.00;-0.00}] | {point.P:0.####} |"));
                }
            }
        }

        if (found == 0)
        {
            text.AppendLine("| (none) | | | | |");
        }

        return text.ToString();
    }

    private static string NewestRun(string root)
    {
        var runs = Path.Combine(root, "results", "runs");
        return (Directory.Exists(runs) ? Directory.GetDirectories(runs).Where(d => File.Exists(Path.Combine(d, ResultStore.ResultsFileName))).Order(StringComparer.Ordinal).LastOrDefault() : null)
            ?? throw new UsageException($"no run in {runs} to record: run `bench run` first or name one");
    }
}

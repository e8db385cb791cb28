using Bench.Harness;
using Bench.Reporting;
using Bench.Reporting.History;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench history record [RUN]` adds a run (default: the newest in results/runs) as a compact revision;
/// `bench history promote [REVISION]` makes one the baseline (default: latest); `bench history list` shows them.
/// </summary>
internal static class HistoryCommand
{
    public const string Usage = "bench history record [RUN] | promote [latest|SHA|FILE] | list | trend [--markdown FILE]  [--history DIR]";

    public static int Run(IReadOnlyList<string> arguments)
    {
        var positional = arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var args = new CliArgs(arguments.Skip(positional.Count), new HashSet<string>());
        var root = RepositoryRoot.Find() ?? Environment.CurrentDirectory;
        var store = new HistoryStore(args.String("history") ?? Path.Combine(root, "results", "history"));
        var markdownPath = args.String("markdown");
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
            default:
                throw new UsageException("history takes record, promote, list or trend");
        }
    }

    private static string NewestRun(string root)
    {
        var runs = Path.Combine(root, "results", "runs");
        return (Directory.Exists(runs) ? Directory.GetDirectories(runs).Where(d => File.Exists(Path.Combine(d, ResultStore.ResultsFileName))).Order(StringComparer.Ordinal).LastOrDefault() : null)
            ?? throw new UsageException($"no run in {runs} to record: run `bench run` first or name one");
    }
}

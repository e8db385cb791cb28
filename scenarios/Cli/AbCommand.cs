using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Broker;
using Bench.Harness;
using Bench.Harness.Options;
using Bench.Reporting;
using Bench.Reporting.Comparison;
using Bench.Reporting.Html;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench ab BASE HEAD [run flags]`: did HEAD make Bench slower than BASE? Each side (a git revision, checked out as a
/// worktree in a temporary folder, or a directory holding a checkout) is built, then each side's own CLI runs the same
/// plan once per repetition with its own client and workers, alternating A B A B … on one private broker (started here
/// once, or --amqp's), so both sides share the machine and the minute and the verdict is about the code. The
/// repetitions are then compared with `bench compare`'s statistics; OUT/report.html shows both revisions side by side
/// with the comparison. Exit 1 on a regression (or an invalid comparison), 0 otherwise; 2 for bad input (an unknown
/// revision, one that does not build, flags a side refuses, different scenario ids), and the worktrees are removed.
/// </summary>
internal static class AbCommand
{
    public const string Usage = "bench ab BASE HEAD [--repeat N (≥3, default 3)] [--out DIR] [--markdown FILE] [bench run flags: --suite quick, --scenario ID, --duration S, …]";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var positional = CliArgs.Positional(arguments);
        if (positional.Count != 2)
        {
            throw new UsageException("ab takes two revisions (or directories): bench ab BASE HEAD [run flags]");
        }

        var (repeat, outDir, markdownPath, runFlags) = SplitFlags(arguments.Skip(2).ToList());
        var root = RepositoryRoot.Find() ?? throw new UsageException("bench ab runs inside a Bench checkout (no Bench.sln above here)");
        outDir ??= Path.Combine(root, "results", "runs", "ab-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        var work = Path.Combine(Path.GetTempPath(), "bench-ab-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        using var signal = new ShutdownSignal();
        AbSide? a = null, b = null;
        try
        {
            a = await AbSide.CheckOutAsync("BASE", positional[0], root, work, signal.Token);
            b = await AbSide.CheckOutAsync("HEAD", positional[1], root, work, signal.Token);
            Console.WriteLine($"bench ab: building BASE {a.Name} and HEAD {b.Name}");
            await a.BuildAsync(signal.Token);
            await b.BuildAsync(signal.Token);
            await using var broker = runFlags.Contains("--amqp") ? null : await PrivateBroker.StartAsync(new PrivateBrokerOptions(), signal.Token);
            var amqp = broker is null ? [] : new[] { "--amqp", broker.Uri.Uri.OriginalString };
            var plotly = PlotlyAsset.Find(root);
            var runs = new Dictionary<AbSide, List<RunResult>> { [a] = [], [b] = [] };
            for (var rep = 1; rep <= repeat; rep++)
            {
                foreach (var side in new[] { a, b })
                {
                    Console.WriteLine($"bench ab: repetition {rep}/{repeat}, {side.Label} {side.Name}");
                    var dir = Path.Combine(outDir, side.Label.ToLowerInvariant(), rep.ToString(CultureInfo.InvariantCulture));
                    var code = await RunSideAsync(side, [.. runFlags, .. amqp, "--out", dir], plotly, signal.Token);
                    if (code == 2)
                    {
                        throw new UsageException($"{side.Label} {side.Name} refused the run flags (its bench run exited 2: see above)");
                    }

                    runs[side].Add(File.Exists(Path.Combine(dir, ResultStore.ResultsFileName)) ? ResultStore.Read(dir)
                        : throw new UsageException($"{side.Label} {side.Name} wrote no results (its bench run exited {code})"));
                }

                if (rep == 1)
                {
                    SameScenarioIds(a, runs[a][0], b, runs[b][0]);
                }
            }

            var baseRun = Combine(runs[a], a, arguments);
            var headRun = Combine(runs[b], b, arguments);
            ResultStore.Write(Path.Combine(outDir, "base-results.json"), baseRun);
            ResultStore.Write(Path.Combine(outDir, "head-results.json"), headRun);
            var result = ResultComparer.Compare("BASE " + a.Name, Measurement.From(baseRun), "HEAD " + b.Name, Measurement.From(headRun), new ComparisonOptions());
            var markdown = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"`bench ab`: {repeat} repetitions a side, interleaved (A B A B …) on one broker and machine; BASE {a.Name}, HEAD {b.Name}.")
                .AppendLine()
                .Append(ResultComparer.ToMarkdown(result)).ToString();
            Console.WriteLine(markdown);
            ResultStore.WriteTextAtomic(Path.Combine(outDir, "compare.md"), markdown);
            if (markdownPath is not null)
            {
                ResultStore.WriteTextAtomic(markdownPath, markdown);
            }

            if (plotly is not null)
            {
                InlineScript.WritePage(Path.Combine(outDir, "report.html"), HtmlReport.Render([baseRun, headRun], InlineScript.Marker, comparisonHtml: ResultComparer.ToHtml(result)), plotly);
            }

            Console.WriteLine($"bench ab: {(result.HasRegression ? "REGRESSION" : result.HasInvalid ? "INVALID" : "no regression")}; results in {outDir} (compare.md, report.html, base-results.json, head-results.json)");
            return result.HasRegression || result.HasInvalid ? 1 : 0;
        }
        finally
        {
            a?.Dispose();
            b?.Dispose();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static (int Repeat, string? Out, string? Markdown, List<string> RunFlags) SplitFlags(List<string> rest)
    {
        int repeat = 3;
        string? outDir = null, markdown = null;
        var runFlags = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            string Value() => i + 1 < rest.Count ? rest[++i] : throw new UsageException($"{rest[i]} needs a value");
            switch (rest[i])
            {
                case "--repeat":
                    repeat = OptionParsers.Int(Value(), "repeat", 3, 1000);
                    break;
                case "--out":
                    outDir = Value();
                    break;
                case "--markdown":
                    markdown = Value();
                    break;
                default:
                    runFlags.Add(rest[i]);
                    break;
            }
        }

        return (repeat, outDir, markdown, runFlags);
    }

    private static async Task<int> RunSideAsync(AbSide side, IReadOnlyList<string> arguments, string? plotly, CancellationToken cancellationToken)
    {
        // The side's own CLI, from its own checkout: git sha, scenarios, client and (child) workers are that revision's.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = side.Root, UseShellExecute = false };
        start.ArgumentList.Add(side.Cli);
        start.ArgumentList.Add("run");
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        if (plotly is not null)
        {
            start.Environment["BENCH_PLOTLY_JS"] = plotly;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static void SameScenarioIds(AbSide a, RunResult baseRun, AbSide b, RunResult headRun)
    {
        var baseIds = baseRun.Scenarios.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var headIds = headRun.Scenarios.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!baseIds.SequenceEqual(headIds))
        {
            var onlyBase = baseIds.Except(headIds).ToList();
            var onlyHead = headIds.Except(baseIds).ToList();
            throw new UsageException($"the scenario ids differ: only BASE {a.Name} has [{string.Join(", ", onlyBase)}], only HEAD {b.Name} has [{string.Join(", ", onlyHead)}]");
        }
    }

    /// <summary>One side's runs as one run whose repetitions are the runs, in order: what `bench compare` groups and tests.</summary>
    private static RunResult Combine(List<RunResult> runs, AbSide side, IReadOnlyList<string> arguments) => runs[0] with
    {
        RunId = runs[0].RunId + "-ab-" + side.Label.ToLowerInvariant(),
        Command = AmqpUri.MaskText("bench ab " + string.Join(' ', arguments)),
        FinishedAt = runs[^1].FinishedAt,
        Incomplete = runs.Any(r => r.Incomplete),
        StopReason = runs.Select(r => r.StopReason).FirstOrDefault(r => r is not null),
        Scenarios = [.. runs.SelectMany((r, i) => r.Scenarios.Select(s => s with { Repetition = i + 1 }))],
    };
}

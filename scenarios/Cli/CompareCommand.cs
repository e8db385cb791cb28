using System.Globalization;
using System.Text.Json;
using Bench.Harness;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.Comparison;
using Bench.Reporting.History;
using Bench.Reporting.Html;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench compare BASE DIFF`: each side a results file, a run folder, a revision recorded in results/history (a sha
/// prefix, "baseline" or "latest"), or BenchmarkDotNet full-JSON results. Markdown on stdout (and --markdown FILE),
/// HTML with --html FILE. Exit 1 when a regression passes the test, the threshold and the noise floor; 0 otherwise
/// (a difference of one run a side is untested and never fails, unless --noise FILE from `bench calibrate` tests it);
/// 2 on bad input.
/// </summary>
internal static class CompareCommand
{
    public const string Usage = "bench compare BASE DIFF [--threshold 5%] [--noise-us 20] [--noise-rps 50] [--noise-ns 1] [--ignore-settings KEY[,KEY]] [--noise FILE] [--history DIR] [--markdown FILE] [--html FILE]";

    public static int Run(IReadOnlyList<string> arguments)
    {
        var (positional, args) = CliArgs.Split(arguments);
        var threshold = ParsePercent(args.String("threshold") ?? "5%");
        var options = new ComparisonOptions
        {
            Threshold = threshold,
            LatencyNoiseUs = args.Double("noise-us", 0, 1e9) ?? 20,
            ThroughputNoise = args.Double("noise-rps", 0, 1e9) ?? 50,
            BenchmarkNoiseNs = args.Double("noise-ns", 0, 1e12) ?? 1,
            Noise = args.String("noise") is { } noise ? NoiseProfile.Read(noise) : null,
            IgnoredSettings = (args.String("ignore-settings") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        };
        var root = RepositoryRoot.Find();
        var history = HistoryLocation.Open(args, root);
        var markdownPath = args.String("markdown");
        var htmlPath = args.String("html");
        args.EnsureAllUsed();
        if (positional.Count != 2)
        {
            throw new UsageException("compare takes exactly two sides: BASE DIFF");
        }

        var baseSide = Resolve(positional[0], history);
        var diffSide = Resolve(positional[1], history);
        ComparisonResult result;
        if (baseSide.Benchmarks is not null || diffSide.Benchmarks is not null)
        {
            if (baseSide.Benchmarks is null || diffSide.Benchmarks is null)
            {
                throw new ResultFormatException("one side is BenchmarkDotNet results and the other is not: compare like with like");
            }

            result = ResultComparer.CompareBenchmarks(baseSide.Name, baseSide.Benchmarks, diffSide.Name, diffSide.Benchmarks, options);
        }
        else
        {
            result = ResultComparer.Compare(baseSide.Name, baseSide.Measurements!, diffSide.Name, diffSide.Measurements!, options);
        }

        if (result.Rows.Count == 0)
        {
            throw new ResultFormatException($"nothing to compare: no scenario with the same id and settings in {baseSide.Name} and {diffSide.Name} (--ignore-settings leaves settings out of the match)");
        }

        var markdown = ResultComparer.ToMarkdown(result);
        Console.WriteLine(markdown);
        if (markdownPath is not null)
        {
            ResultStore.WriteTextAtomic(markdownPath, markdown);
        }

        if (htmlPath is not null)
        {
            var runs = new[] { baseSide.Run, diffSide.Run }.OfType<RunResult>().ToList();
            var plotly = PlotlyAsset.Find(root) ?? throw new UsageException("no --html: plotly.js is not installed (run scripts/setup.sh)");
            InlineScript.WritePage(htmlPath, HtmlReport.Render(runs, InlineScript.Marker, comparisonHtml: ResultComparer.ToHtml(result)), plotly);
            Console.WriteLine("html: " + Path.GetFullPath(htmlPath));
        }

        return result.HasRegression || result.HasInvalid ? 1 : 0;
    }

    private sealed record Side(string Name, List<Measurement>? Measurements, RunResult? Run, BenchmarkDotNetResults? Benchmarks);

    private static Side Resolve(string argument, HistoryStore history)
    {
        if (File.Exists(argument) || Directory.Exists(argument))
        {
            if (IsBenchmarkDotNet(argument))
            {
                return new Side(argument, null, null, BenchmarkDotNetResults.Read(argument));
            }

            var run = ResultStore.Read(argument);
            return new Side(run.RunId, Measurement.From(run), run, null);
        }

        if (File.Exists(Path.Combine(history.Directory, "index.json")) && history.Find(argument) is { } entry)
        {
            return new Side(entry.File.Replace(".json", string.Empty, StringComparison.Ordinal), HistoryMeasurements.From(history.Load(entry.File)), null, null);
        }

        throw new ResultFormatException($"'{argument}' is neither a results file, a run folder, BenchmarkDotNet results, nor a revision recorded in {history.Directory}");
    }

    private static bool IsBenchmarkDotNet(string path)
    {
        if (Directory.Exists(path))
        {
            return !File.Exists(Path.Combine(path, ResultStore.ResultsFileName)) && Directory.GetFiles(path, "*-report-full.json").Length > 0;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Benchmarks", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static double ParsePercent(string text)
    {
        var number = text.TrimEnd('%');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 1000)
        {
            throw new UsageException($"--threshold must be a percentage such as 5%, not '{text}'");
        }

        return value / 100;
    }
}

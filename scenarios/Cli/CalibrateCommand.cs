using System.Globalization;
using Bench.Harness;
using Bench.Reporting;
using Bench.Reporting.Comparison;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench calibrate --noise FILE [RUN OPTIONS…]`: runs identical repetitions (`bench run` with the same options and
/// --repeat 5 unless given) and stores this machine's run-to-run noise per measurement in FILE, which the user keeps;
/// `bench compare A B --noise FILE` then tests one run a side against it. `--from RESULTS` measures the noise of a run
/// already made with --repeat 3 or more instead. Exit: the run's own, 2 on bad input.
/// </summary>
internal static class CalibrateCommand
{
    public const string Usage = "bench calibrate --noise FILE [--from RESULTS | RUN OPTIONS… [--repeat N (5)]]";

    public const int DefaultRepetitions = 5;

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        var rest = arguments.ToList();
        var noisePath = Take(rest, "noise") ?? throw new UsageException("--noise FILE is required: where the measured noise is kept (compare reads it with --noise FILE)");
        var from = Take(rest, "from");
        var exit = 0;
        if (from is null)
        {
            if (!rest.Any(a => a is "--repeat" || a.StartsWith("--repeat=", StringComparison.Ordinal)))
            {
                rest.AddRange(["--repeat", DefaultRepetitions.ToString(CultureInfo.InvariantCulture)]);
            }

            from = Take(rest, "out") ?? Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "results", "runs",
                DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-calibrate");
            rest.AddRange(["--out", from]);
            exit = await RunCommand.RunAsync(new CliArgs(rest, RunCommand.Flags), ["run", .. rest]);
            if (!File.Exists(Path.Combine(from, ResultStore.ResultsFileName)))
            {
                return exit;
            }
        }
        else if (rest.Count > 0)
        {
            throw new UsageException($"--from measures the noise of a run already made: no run options ({rest[0]})");
        }

        var run = ResultStore.Read(from);
        if (run.Incomplete)
        {
            throw new ResultFormatException($"{from}: the run is incomplete ({run.StopReason}): its repetitions are not identical runs");
        }

        var profile = NoiseProfile.From(run.RunId, Measurement.From(run), DateTimeOffset.UtcNow);
        if (profile.Measurements.Count == 0)
        {
            throw new ResultFormatException($"{from}: no measurement with 3 or more complete repetitions (run with --repeat 3 or more)");
        }

        ResultStore.WriteTextAtomic(noisePath, profile.ToJson());
        Console.WriteLine("run-to-run noise (standard deviation of the log of each figure across identical repetitions):");
        foreach (var m in profile.Measurements)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Label}: {m.Repetitions} runs, throughput {m.Throughput:0.0%}, p50 {m.P50:0.0%}, p99 {m.P99:0.0%}, p99.9 {m.P999:0.0%}"));
        }

        Console.WriteLine("noise: " + Path.GetFullPath(noisePath));
        return exit;
    }

    /// <summary>Removes --NAME VALUE (or --NAME=VALUE) from <paramref name="arguments"/> and returns the value.</summary>
    private static string? Take(List<string> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("--" + name + "=", StringComparison.Ordinal))
            {
                var value = arguments[i][(name.Length + 3)..];
                arguments.RemoveAt(i);
                return value;
            }

            if (arguments[i] == "--" + name)
            {
                if (i + 1 >= arguments.Count)
                {
                    throw new UsageException($"--{name} needs a value");
                }

                var value = arguments[i + 1];
                arguments.RemoveRange(i, 2);
                return value;
            }
        }

        return null;
    }
}

using System.Globalization;
using Bench.Reporting.Comparison;
using Bench.Reporting.History;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench selftest [--quick]`: the comparison's false-alarm and detection rates on synthetic runs with known effects
/// (<see cref="StatisticsSelfCheck"/>). Exits 1 when a goal is missed, so CI catches a statistics change that makes
/// `bench compare` cry wolf or go blind. Then the change-point search on synthetic nightly histories
/// (<see cref="ChangePointSelfCheck"/>): detection of planted steps and false change points per 100 nights.
/// </summary>
internal static class SelftestCommand
{
    public const string Usage = "bench selftest [--quick] [--pairs N] [--repetitions N] [--requests N] [--noise PCT] [--night-noise PCT] [--trials N] [--seed N]";

    public static HashSet<string> Flags { get; } = ["quick"];

    public static int Run(CliArgs args)
    {
        var options = args.Has("quick") ? SelfCheckOptions.Quick : new SelfCheckOptions();
        options = options with
        {
            Pairs = (int?)args.Int64("pairs", 40, 100_000) ?? options.Pairs,
            Repetitions = (int?)args.Int64("repetitions", 2, 1000) ?? options.Repetitions,
            RequestsPerRepetition = (int?)args.Int64("requests", 1000, 10_000_000) ?? options.RequestsPerRepetition,
            RunNoise = (args.Double("noise", 0, 100) ?? options.RunNoise * 100) / 100,
            Seed = (int?)args.Int64("seed", 0, int.MaxValue) ?? options.Seed,
        };
        var nightNoise = (args.Double("night-noise", 0, 100) ?? 3) / 100;
        var trials = (int?)args.Int64("trials", 20, 100_000) ?? (args.Has("quick") ? 200 : 1000);
        args.EnsureAllUsed();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"statistics self-check: {options.Pairs} pairs per case, {options.Repetitions} repetitions a side, {options.RequestsPerRepetition:N0} requests per repetition, run-to-run noise {options.RunNoise:0.#%}, seed {options.Seed}"));
        var checks = StatisticsSelfCheck.Run(options);
        foreach (var check in checks)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(check.Met ? "ok  " : "MISS")} {check.Name}: {check.Rate:0.0%} ({check.Hits}/{check.Pairs}; goal {(check.GoalIsCeiling ? "≤" : "≥")} {check.Goal:0%})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"change points over history: {trials} synthetic histories per case, night-to-night noise {nightNoise:0.#%}, seed {options.Seed}"));
        Console.WriteLine("  | case | result | goal | |");
        Console.WriteLine("  |---|---|---|---|");
        var points = ChangePointSelfCheck.Run(trials, nightNoise, options.Seed);
        foreach (var check in points)
        {
            Console.WriteLine(check.GoalIsCeiling
                ? string.Create(CultureInfo.InvariantCulture, $"  | {check.Name} | {check.Rate:0.00} per 100 nights ({check.Hits} in {check.Nights:N0} nights) | ≤ {check.Goal:0.##} | {(check.Met ? "ok" : "MISS")} |")
                : string.Create(CultureInfo.InvariantCulture, $"  | {check.Name} | {check.Rate:0.0%} ({check.Hits}/{check.Trials}) | ≥ {check.Goal:0%} | {(check.Met ? "ok" : "MISS")} |"));
        }

        var missed = checks.Count(c => !c.Met) + points.Count(c => !c.Met);
        Console.WriteLine(missed == 0 ? "every goal met" : $"{missed} goal(s) missed");
        return missed == 0 ? 0 : 1;
    }
}

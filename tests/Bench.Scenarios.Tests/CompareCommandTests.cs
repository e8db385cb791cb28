using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench compare`, `bench calibrate` and `bench history` on real runs: a 50 ms slower service at 3 repetitions a side
/// is a regression; one run a side is untested (exit 0) unless judged against calibrated noise; a run against itself
/// is the same. Whether two runs of the same settings agree is a statistical question,
/// answered on synthetic data with a fixed seed (`bench selftest`, RepetitionComparisonTests), not by two real runs.
/// </summary>
public sealed class CompareCommandTests(BrokerFixture broker) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bench-compare-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_fifty_millisecond_slower_worker_with_three_repetitions_is_a_regression_with_exit_code_1()
    {
        // 50 ms: far beyond run-to-run noise even beside CPU hogs (the 1 ms goal is measured, in docs/compare.md).
        var fast = await RunAsync("fast", "0", repeat: 3);
        var slow = await RunAsync("slow", "50", repeat: 3);

        using var unmatched = await BenchCli.RunAsync(s_timeout, "compare", fast, slow);
        using var compare = await BenchCli.RunAsync(s_timeout, "compare", fast, slow, "--ignore-settings", "sleepMs", "--html", Path.Combine(_root, "compare.html"));

        Assert.Equal(2, unmatched.ExitCode); // different settings do not match unless told to
        Assert.Contains("--ignore-settings", unmatched.Stderr, StringComparison.Ordinal);

        Assert.True(compare.ExitCode == 1, compare.Stdout + compare.Stderr);
        Assert.Contains("🔴 slower", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 regression(s)", compare.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "compare.html")));
    }

    [Fact]
    public async Task One_run_a_side_never_fails_untested_but_is_judged_against_calibrated_noise()
    {
        var calibration = await RunAsync("calibration", "0", repeat: 5);
        var fast = await RunAsync("fast", "0");
        var slow = await RunAsync("slow", "50");
        var noise = Path.Combine(_root, "noise.json");

        using var untested = await BenchCli.RunAsync(s_timeout, "compare", fast, slow, "--ignore-settings", "sleepMs");
        using var calibrate = await BenchCli.RunAsync(s_timeout, "calibrate", "--noise", noise, "--from", calibration);
        using var judged = await BenchCli.RunAsync(s_timeout, "compare", fast, slow, "--ignore-settings", "sleepMs", "--noise", noise);

        // Once "🔴 slower (one repetition a side: untested, beyond 15%)" and exit 1, even between identical runs.
        Assert.True(untested.ExitCode == 0, untested.Stdout + untested.Stderr);
        Assert.Contains("🟡 untested: slower?", untested.Stdout, StringComparison.Ordinal);
        Assert.Contains("at least 3 repetitions a side (--repeat 3) test it", untested.Stdout, StringComparison.Ordinal);
        Assert.True(calibrate.ExitCode == 0, calibrate.Stdout + calibrate.Stderr);
        Assert.Contains("5 runs", calibrate.Stdout, StringComparison.Ordinal);
        // Judged, not untested: whether 50 ms stands out depends on the noise this machine showed while calibrating
        // (beside CPU hogs it can be 10x run to run); the verdicts on known noise are SingleRunComparisonTests'.
        Assert.True(judged.ExitCode is 0 or 1, judged.Stdout + judged.Stderr);
        Assert.Contains("calibrated noise", judged.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("untested", judged.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_against_itself_is_the_same_with_exit_code_0_also_through_history()
    {
        var first = await RunAsync("first", "2");
        var second = first;
        var history = Path.Combine(_root, "history");

        using var compare = await BenchCli.RunAsync(s_timeout, "compare", first, second);
        using var record = await BenchCli.RunAsync(s_timeout, "history", "record", first, "--history", history);
        using var promote = await BenchCli.RunAsync(s_timeout, "history", "promote", "latest", "--history", history);
        using var againstBaseline = await BenchCli.RunAsync(s_timeout, "compare", "baseline", second, "--history", history);

        Assert.True(compare.ExitCode == 0, compare.Stdout + compare.Stderr);
        Assert.Contains("no regression", compare.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, record.ExitCode);
        Assert.Equal(0, promote.ExitCode);
        Assert.True(againstBaseline.ExitCode == 0, againstBaseline.Stdout + againstBaseline.Stderr);
    }

    [Fact]
    public async Task Missing_or_foreign_inputs_get_one_line_and_exit_code_2()
    {
        Directory.CreateDirectory(_root);
        var foreign = Path.Combine(_root, "foreign.json");
        await File.WriteAllTextAsync(foreign, "{\"hello\": 1}");

        using var missing = await BenchCli.RunAsync(s_timeout, "compare", Path.Combine(_root, "nope"), Path.Combine(_root, "nope2"));
        using var schema = await BenchCli.RunAsync(s_timeout, "compare", foreign, foreign);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("neither a results file", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, schema.ExitCode);
        Assert.Contains("no schemaVersion", schema.Stderr, StringComparison.Ordinal);
        Assert.Single(schema.Stderr.Trim().Split('\n'));
    }

    private async Task<string> RunAsync(string name, string sleepMs, int repeat = 1)
    {
        var output = Path.Combine(_root, name);
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--method", "sleep", "--sleep-ms", sleepMs, "--outstanding", "4", "--duration", "3", "--warmup", "1",
            "--repeat", repeat.ToString(System.Globalization.CultureInfo.InvariantCulture), "--amqp", broker.Uri.Uri.OriginalString, "--out", output);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);

        // The worker's own measure of `sleep` stands beside the requested time: one sample per call it served.
        var scenarios = ResultStore.Read(output).Scenarios;
        Assert.Equal(repeat, scenarios.Count);
        Assert.All(scenarios, s => Assert.True(s.WorkerServiceTime!.Count >= s.Counts.Ok, $"{s.WorkerServiceTime.Count} sleeps for {s.Counts.Ok} ok calls"));
        return output;
    }
}

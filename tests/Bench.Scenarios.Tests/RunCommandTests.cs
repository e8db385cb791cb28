using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>`bench run` end to end against real brokers and worker processes: exact counts, results on disk, stops, bad flags.</summary>
public sealed class RunCommandTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Short_call_run_counts_every_request_and_writes_results()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "3000", "--outstanding", "8", "--warmup", "0.5", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        var s = Assert.Single(run.Scenarios);
        Assert.Equal(("call.add", 3000L, 3000L, 0L, 0L, true), (s.Id, s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.Accounted));
        Assert.Equal(3000, s.Latency.Corrected.Count);
        Assert.Equal(3000, s.Latency.Corrected.Histogram.ToHistogram().Count);
        Assert.Equal("8", s.Settings["outstanding"]);
        Assert.Equal("reply-queue", s.Settings["transport"]);
        Assert.False(run.Incomplete);
        Assert.Equal(RunResult.CurrentSchemaVersion, run.SchemaVersion);
        Assert.Contains(s.Cost, c => c.Process == "worker");
        Assert.DoesNotContain("guest:guest", File.ReadAllText(Path.Combine(Out, "results.json")), StringComparison.Ordinal);
        Assert.Contains("call.add", File.ReadAllText(Path.Combine(Out, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_cast_and_raw_runs_are_measured_at_the_worker()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "cast.count", "--requests", "5000", "--outstanding", "4", "--warmup", "0.5", "--payload", "16,256", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Equal(2, run.Scenarios.Count); // the payload sweep
        Assert.All(run.Scenarios, s =>
        {
            Assert.Equal((5000L, 5000L, (long?)5000, (long?)0), (s.Counts.Issued, s.Counts.Ok, s.Counts.Delivered, s.Counts.Rejected));
            Assert.Equal(5000, s.OneWay!.Count);
            Assert.True(s.Throughput > 0);
        });
        Assert.Equal(["16", "256"], run.Scenarios.Select(s => s.Settings["payloadBytes"]));
    }

    [Fact]
    public async Task Raw_call_baseline_runs_against_the_raw_consumer()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "raw.call", "--requests", "2000", "--outstanding", "4", "--warmup", "0", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal((2000L, 2000L), (s.Counts.Issued, s.Counts.Ok));
    }

    [Fact]
    public Task Ctrl_C_writes_an_incomplete_result_and_exits_130() => StoppedBySignalAsync(cli => cli.Interrupt(), "SIGINT");

    [Fact]
    public Task SIGTERM_writes_an_incomplete_result_and_exits_130() => StoppedBySignalAsync(cli => cli.Terminate(), "SIGTERM");

    private async Task StoppedBySignalAsync(Action<BenchCli> signal, string name)
    {
        using var cli = BenchCli.Start("run", "--scenario", "call.add", "--duration", "120", "--warmup", "0", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);
        // Signal once requests are being measured (the first progress line), not while the worker is still
        // starting: on a loaded machine that takes seconds, and a signal there is start-up's case, not this one.
        await cli.WaitForOutputAsync(" ok/s", s_timeout);

        signal(cli);
        await cli.WaitAsync(s_timeout);

        Assert.Equal(130, cli.ExitCode);
        var run = ResultStore.Read(Out);
        Assert.True(run.Incomplete);
        Assert.Contains(name, run.StopReason, StringComparison.Ordinal);
        var s = Assert.Single(run.Scenarios);
        Assert.True(s.Incomplete);
        Assert.True(s.Counts.Accounted);
        Assert.True(s.Counts.Issued > 0);
        Assert.True(s.DurationSeconds < 60);
    }

    [Theory]
    [InlineData("--outstanding", "zero", "--outstanding must be an integer")]
    [InlineData("--suite", "nope", "--suite must be one of")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    [InlineData("--transport", "pigeon", "--transport must be one of reply-queue, direct")]
    [InlineData("--outstanding", "4 --rate 100", "pick different load models")]
    public async Task Bad_flags_get_one_line_and_exit_code_2(string flag, string value, string message)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, ["run", flag, .. value.Split(' ')]);

        Assert.Equal(2, cli.ExitCode);
        Assert.Single(cli.Stderr.Trim().Split('\n'));
        Assert.Contains(message, cli.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown option --no-such-flag", "--suite", "quick", "--no-such-flag")]
    [InlineData("--duration needs a value", "--suite", "quick", "--duration")]
    public async Task The_last_option_without_a_value_is_named_for_what_it_is(string message, params string[] arguments)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, ["run", .. arguments]);

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal("bench: " + message, cli.Stderr.Trim());
    }
}

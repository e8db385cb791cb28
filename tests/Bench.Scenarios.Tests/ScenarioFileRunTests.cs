using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench run --file`: the examples in scenarios/examples run against the real peers they describe (flags override the
/// file, so each test gets its own topic or queue); a bad file is one line naming the file and field, and exit 2;
/// thresholds pass, breach (exit 1) or are malformed (exit 2).
/// </summary>
public sealed class ScenarioFileRunTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private string Amqp => broker.Uri.Uri.OriginalString;

    private static string Example(string name) => Path.Combine(RepoRoot.Path, "scenarios", "examples", name);

    [Fact]
    public async Task The_nova_example_runs_each_phase_against_a_real_oslo_server()
    {
        var topic = BrokerFixture.UniqueName("compute");
        await using var server = await PeerProcess.StartAsync("oslo/server.py", ["--url", Amqp, "--topic", topic, "--namespace", "compute", "--version", "5.1"]);

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--file", Example("nova-resize.yaml"), "--amqp", Amqp, "--topic", topic, "--out", Out);

        var run = ResultStore.Read(Out);
        AssertVerdictsFollowTheRun(cli, run);
        Assert.Equal("nova-resize", run.Suite);
        Assert.Equal(["closed", "open"], run.Scenarios.Select(s => s.Model));
        Assert.All(run.Scenarios, s =>
        {
            Assert.Equal(("oslo.call", topic, "compute", "5.1"), (s.Id, s.Settings["topic"], s.Settings["namespace"], s.Settings["version"]));
            Assert.True(s.Counts.Accounted && s.Counts.Failed == 0 && s.Counts.TimedOut == 0 && s.Counts.Ok == s.Counts.Issued && s.Counts.Ok > 0, $"{s.SettingsKey}: {s.Counts}");
            Assert.Equal(2, s.Thresholds.Count);
        });
        Assert.Equal("8", run.Scenarios[0].Settings["outstanding"]);
        Assert.Equal(("100", 500L), (run.Scenarios[1].Settings["rate"], run.Scenarios[1].Counts.Issued)); // 100/s for 5 s, exactly
    }

    [Fact]
    public async Task The_celery_example_runs_against_a_worker_on_an_app_Bench_does_not_define()
    {
        var queue = BrokerFixture.UniqueName("shop");
        await using var worker = await ShopWorker.StartAsync(broker.Uri.Uri, queue);

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--file", Example("celery-shop.yaml"), "--amqp", Amqp, "--queue", queue, "--out", Out);

        var run = ResultStore.Read(Out);
        AssertVerdictsFollowTheRun(cli, run);
        Assert.All(run.Scenarios, s => Assert.Equal(2, s.Thresholds.Count));
        Assert.Equal(2, run.Scenarios.Count);
        Assert.All(run.Scenarios, s => Assert.True(s.Id == "celery.task" && s.Counts.Accounted && s.Counts.Failed == 0 && s.Counts.Ok == s.Counts.Issued, $"{s.SettingsKey}: {s.Counts}"));
        Assert.Equal(300L, run.Scenarios[0].Counts.Ok); // outstanding 4 for 300 requests
    }

    /// <summary>
    /// The examples' thresholds are judged and the exit code follows them, but a latency threshold's verdict is this
    /// machine's speed, which a test does not assert: beside two CPU hogs a solo Celery worker fell behind the 50/s
    /// open phase and its p99 passed 2 s (exit 1, rightly). Error thresholds must pass: every request is accounted
    /// and none failed.
    /// </summary>
    private static void AssertVerdictsFollowTheRun(BenchCli cli, RunResult run)
    {
        var thresholds = run.Scenarios.SelectMany(s => s.Thresholds).ToList();
        Assert.NotEmpty(thresholds);
        Assert.All(thresholds.Where(t => t.Metric == "errors"), t => Assert.True(t.Passed, t.ToString()));
        Assert.True(cli.ExitCode == (thresholds.All(t => t.Passed) ? 0 : 1), $"exit {cli.ExitCode}\n{cli.Stdout}{cli.Stderr}");
    }

    [Theory]
    [InlineData("colour: blue\nscenario: call.add\n", "colour")]
    [InlineData("scenario: call.add\nphases: fast\n", "phases")]
    [InlineData("target: {kind: grpc, topic: t, method: m}\n", "target.kind")]
    [InlineData("target: {kind: oslo, topic: t}\n", "target")]
    [InlineData("scenario: call.add\nphases:\n  - outstanding: {count: 4}\n", "phases[0]")]
    [InlineData("scenario: call.add\nsettings: {flavour: vanilla}\n", "settings.flavour")]
    [InlineData("scenario: call.add\nsettings: {prefetch: lots}\n", "settings.prefetch")]
    [InlineData("scenario: call.add\nthresholds: [\"p99<<1ms\"]\n", "p99<<1ms")]
    [InlineData("scenario: call.add\n  bad: [indent\n", "line")]
    public async Task A_bad_file_gets_one_line_naming_the_file_and_field_and_exit_2(string yaml, string field)
    {
        var path = Out + ".yaml";
        await File.WriteAllTextAsync(path, yaml);

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--file", path, "--amqp", "amqp://127.0.0.1:1/");

        Assert.True(cli.ExitCode == 2, cli.Stdout + cli.Stderr);
        var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.GetFileName(path), line, StringComparison.Ordinal);
        Assert.Contains(field, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_gets_one_line_and_exit_2()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--file", Out + "-absent.yaml");

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("-absent.yaml", Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thresholds_pass_or_fail_the_run_by_exit_code()
    {
        string[] run = ["run", "--scenario", "call.add", "--requests", "400", "--outstanding", "2", "--warmup", "0", "--in-process", "--amqp", Amqp];

        using var pass = await BenchCli.RunAsync(s_timeout, [.. run, "--assert", "p99<60s", "--assert", "errors<1%", "--assert", "throughput>0.001", "--out", Out + "-pass"]);
        using var breach = await BenchCli.RunAsync(s_timeout, [.. run, "--assert", "p99<60s", "--assert", "max<1ns", "--out", Out + "-breach"]);
        using var malformed = await BenchCli.RunAsync(s_timeout, [.. run, "--assert", "p99<<1ms"]);

        Assert.True(pass.ExitCode == 0, pass.Stdout + pass.Stderr);
        Assert.All(Assert.Single(ResultStore.Read(Out + "-pass").Scenarios).Thresholds, t => Assert.True(t.Passed));
        Assert.Contains("✓ p99<60s", pass.Stdout, StringComparison.Ordinal);

        Assert.True(breach.ExitCode == 1, breach.Stdout + breach.Stderr);
        var thresholds = Assert.Single(ResultStore.Read(Out + "-breach").Scenarios).Thresholds;
        Assert.Equal([true, false], thresholds.Select(t => t.Passed));
        Assert.Contains("max<1ns", breach.Stderr, StringComparison.Ordinal);
        Assert.Contains("max<1ns", File.ReadAllText(Path.Combine(Out + "-breach", "summary.md")), StringComparison.Ordinal);

        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("p99<<1ms", Assert.Single(malformed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}

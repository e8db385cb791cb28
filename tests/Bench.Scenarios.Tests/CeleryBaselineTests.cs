using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// The Celery baseline (`--celery-worker raw`: plain RabbitMQ.Client serving the task queue) as a process: it answers
/// Bench's client under the load engine, its CPU is recorded like any worker's, and what it cannot honour is refused
/// with one line and exit 2. Counts are asserted, never times.
/// </summary>
public sealed class CeleryBaselineTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_raw_baseline_answers_every_task_and_its_worker_cost_is_recorded()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "celery.add", "--celery-worker", "raw", "--outstanding", "8",
            "--prefetch-multiplier", "unlimited", "--duration", "2", "--warmup", "0.5", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal("raw", s.Settings["worker"]);
        Assert.True(s.Counts.Ok > 0);
        Assert.Equal((0L, 0L), (s.Counts.Failed, s.Counts.TimedOut));
        Assert.True(s.Counts.Accounted);
        Assert.True(Assert.Single(s.Cost, c => c.Process == "worker").CpuUsPerRequest > 0);
    }

    [Fact]
    public async Task A_task_rate_limit_on_the_raw_baseline_is_refused_with_one_line_and_exit_2()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "celery.add", "--celery-worker", "raw", "--task-rate-limit", "10/s", "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--celery-worker raw with --task-rate-limit", Assert.Single(cli.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_raw_Celery_worker_with_a_rate_limit_is_refused_with_one_line_and_exit_2()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "worker", "--celery", "--raw", "--rate-limit", "add=5");

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--raw serves the Celery baseline, which runs no task: it takes no --rate-limit", Assert.Single(cli.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }
}

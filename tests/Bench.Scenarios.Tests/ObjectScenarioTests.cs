using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>The object scenarios end to end: `bench run` against a conductor worker, a child process and in-process, closed and open models.</summary>
public sealed class ObjectScenarioTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Every_object_scenario_runs_against_a_conductor_worker_with_every_request_accounted()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "objects.get,objects.save,objects.list,objects.backport", "--requests", "300", "--outstanding", "4", "--warmup", "0",
            "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Equal(["objects.get", "objects.save", "objects.list", "objects.backport"], run.Scenarios.Select(s => s.Id));
        Assert.All(run.Scenarios, s =>
        {
            Assert.Equal((300L, 300L, 0L, 0L, true), (s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.Accounted));
            Assert.Equal("reply-queue", s.Settings["transport"]);
            Assert.Contains(s.Cost, c => c.Process == "worker");
        });
    }

    [Fact]
    public async Task Object_scenarios_run_in_process_and_under_the_open_model()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "objects.get", "--in-process", "--rate", "200", "--requests", "200", "--warmup", "0",
            "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal((200L, 200L, "open", "in-process"), (s.Counts.Issued, s.Counts.Ok, s.Settings["model"], s.Settings["workerProcess"]));
    }
}

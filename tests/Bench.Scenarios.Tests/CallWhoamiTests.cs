using System.Text.Json;
using Bench.Harness.Workers;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// call.whoami, the scenario added as one file and one catalog line: Bench's worker answers whoami() from the request's
/// context as oslo's peer server does, and `bench run --scenario call.whoami` counts every call on a real broker.
/// </summary>
public sealed class CallWhoamiTests(BrokerFixture broker) : CliTest
{
    [Fact]
    public async Task The_worker_answers_whoami_from_the_request_context()
    {
        var topic = BrokerFixture.UniqueName("whoami");
        await using var service = await Service.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), new ServiceOptions { Topic = topic, Host = "whoami-test" });
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });

        var who = await client.CallAsync<JsonElement>(new Target(topic), "whoami", RpcArgs.Empty, context: new RequestContext("u9", "p9", "req-9"));

        Assert.Equal("{\"user_id\": \"u9\", \"project_id\": \"p9\", \"request_id\": \"req-9\"}", who.GetRawText());
    }

    [Fact]
    public async Task A_whoami_run_counts_every_call()
    {
        using var cli = await BenchCli.RunAsync(TimeSpan.FromMinutes(3), "run", "--scenario", "call.whoami", "--requests", "2000", "--outstanding", "4", "--warmup", "0", "--amqp", broker.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal(("call.whoami", 2000L, 2000L, 0L, 0L, true), (s.Id, s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.Accounted));
        Assert.Equal("raw.call", s.Baseline);
    }
}

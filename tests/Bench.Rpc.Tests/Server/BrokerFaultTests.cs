using Bench.Broker;
using Bench.Rpc.Celery;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Recovery from the faults users deploy against, each on a private node of this class's own (stopping or killing the
/// assembly's shared broker would disturb every other test): the broker's app stopped and started, the node killed
/// and restarted on its data directory, every connection closed. Counts are asserted; no time is.
/// </summary>
[Collection("Sequential")]
public sealed class BrokerFaultTests : IAsyncLifetime
{
    private const int Users = 4;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _topic = BrokerFixture.UniqueName("fault");
    private PrivateBroker? _node;

    private PrivateBroker Node => _node ?? throw new InvalidOperationException("no node");

    public async ValueTask InitializeAsync() => _node = await PrivateBroker.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _owned.Reverse();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await Node.DisposeAsync();
    }

    [Fact]
    public Task Rpc_recovers_from_a_broker_restart() =>
        RpcSurvivesAsync(() => Node.CtlAsync(["stop_app"]), () => Node.CtlAsync(["start_app"]));

    [Fact]
    public Task Rpc_recovers_from_a_killed_and_restarted_node() =>
        RpcSurvivesAsync(() => Node.KillNodeAsync(), () => Node.RestartNodeAsync());

    [Fact]
    public Task Rpc_recovers_when_the_broker_closes_every_connection() =>
        RpcSurvivesAsync(() => Node.CtlAsync(["close_all_connections", "bench fault test"]), () => Task.CompletedTask);

    [Fact]
    public async Task Celery_client_and_worker_recover_from_a_broker_restart()
    {
        var queue = _topic + ".celery";
        var worker = await CeleryWorker.StartAsync(Node.Uri.Uri, new TestManager(), new CeleryWorkerOptions { Queue = queue });
        _owned.Add(worker);
        var client = await CeleryClient.ConnectAsync(Node.Uri.Uri, new CeleryClientOptions { Queue = queue, DefaultTimeout = TimeSpan.FromSeconds(10) });
        _owned.Add(client);
        Assert.True((await client.TryApplyAsync("tasks.add", RpcArgs.FromJsonArray("[1, 2]"))).IsOk);

        await Node.CtlAsync(["stop_app"]);
        await Eventually.TrueAsync(() => !client.Connection.IsUp && !worker.Connection.IsUp, "both saw the loss");
        await Node.CtlAsync(["start_app"]);
        await Eventually.TrueAsync(() => client.Connection.Recoveries == 1 && worker.Connection.Recoveries == 1, "both recovered", TimeSpan.FromSeconds(90));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.TryApplyAsync("tasks.add", RpcArgs.FromJsonArray($"[{i}, 1]")).AsTask()));
        Assert.All(results, r => Assert.Equal(CallOutcome.Ok, r.Outcome));
        Assert.Equal(50, results.Count(r => r.IsOk));
    }

    private async Task RpcSurvivesAsync(Func<Task> fault, Func<Task> repair)
    {
        var manager = new TestManager();
        var service = await Service.StartAsync(Node.Uri.Uri, manager, new ServiceOptions { Topic = _topic, Host = "h1", ShutdownTimeout = TimeSpan.FromSeconds(5) });
        _owned.Add(service);
        var client = await RpcClient.ConnectAsync(Node.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(10) });
        _owned.Add(client);
        var target = new Target(_topic);
        Assert.Equal(2, await client.CallAsync<long>(target, "add", RpcArgs.From(new { x = 1, y = 1 })));

        // Calls in flight at the loss: long handlers, a timeout far beyond the test, so only a transport error can end them now.
        var inFlight = Enumerable.Range(0, 8).Select(_ => client.TryCallAsync(target, "slow", RpcArgs.From(new { ms = 60_000 }), TimeSpan.FromMinutes(5)).AsTask()).ToArray();
        await Eventually.TrueAsync(() => service.InFlight == 8, "8 slow calls running");

        // Closed-model users calling through the outage until they see the service again.
        using var stop = new CancellationTokenSource();
        var users = Enumerable.Range(0, Users).Select(_ => UserAsync(client, target, stop.Token)).ToArray();

        await fault();
        var ended = await Task.WhenAll(inFlight);
        Assert.All(ended, r => Assert.Equal(CallOutcome.TransportError, r.Outcome));
        await repair();
        await Eventually.TrueAsync(() => client.Connection.Recoveries == 1 && service.Connection.Recoveries == 1, "client and service recovered", TimeSpan.FromSeconds(90));

        // Topology and consumers are back: calls and casts work again, on the same reply queue (it was not exclusive).
        var replyQueue = client.ReplyQueue;
        var after = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.TryCallAsync(target, "add", RpcArgs.From(new { x = i, y = 1 })).AsTask()));
        Assert.Equal(200, after.Count(r => r.IsOk));
        await stop.CancelAsync();
        var outcomes = await Task.WhenAll(users);

        // Counted, not multiplied: a user waits for the connection instead of failing in a loop, so each loses the call in
        // flight at the loss and at most a few that waited out the outage. None is lost silently: after the recovery the
        // client waits for the service to consume its (non-durable, re-declared) queue before it sends, so no call is
        // dropped as unroutable and left to time out.
        Assert.All(outcomes, o => Assert.InRange(o.Failed, 0, 4));
        Assert.All(outcomes, o => Assert.Equal(0, o.TimedOut));
        Assert.Equal((1L, 1L), (client.Connection.Losses, client.Connection.Recoveries));
        Assert.Equal(replyQueue, client.ReplyQueue);
        var castsBefore = manager.Casts;
        await client.CastAsync(target, "count", RpcArgs.Empty);
        await Eventually.TrueAsync(() => manager.Casts == castsBefore + 1, "a cast after recovery");
    }

    // Calls add until stopped; returns how many calls failed (on the connection) and how many timed out.
    private static async Task<(int Failed, int TimedOut)> UserAsync(RpcClient client, Target target, CancellationToken cancellationToken)
    {
        int failed = 0, timedOut = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await client.TryCallAsync(target, "add", RpcArgs.From(new { x = 1, y = 2 }), TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
            failed += result.Outcome is CallOutcome.TransportError ? 1 : 0;
            timedOut += result.Outcome is CallOutcome.TimedOut ? 1 : 0;
        }

        return (failed, timedOut);
    }
}

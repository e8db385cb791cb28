using Bench.Harness.Workers;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// The Bench worker's `sleep` is bounded by what its caller waits for: a sleep longer than the call's timeout is refused
/// with ValueError before it holds a slot; one within it runs. A real service on the assembly's broker, a real client.
/// </summary>
public sealed class BenchManagerSleepTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly string _topic = BrokerFixture.UniqueName("sleep");
    private Service? _service;
    private RpcClient? _client;

    public async ValueTask InitializeAsync()
    {
        _service = await Service.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), new ServiceOptions { Topic = _topic, Host = "sleep-test", ShutdownTimeout = TimeSpan.FromSeconds(20) });
        _client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
    }

    public async ValueTask DisposeAsync()
    {
        await _client!.DisposeAsync();
        await _service!.DisposeAsync();
    }

    [Fact]
    public async Task A_sleep_longer_than_the_callers_timeout_is_refused_with_ValueError()
    {
        var result = await _client!.TryCallAsync(new Target(_topic), "sleep", RpcArgs.From(new { ms = 5000 }), TimeSpan.FromSeconds(1));

        Assert.Equal(CallOutcome.RemoteError, result.Outcome);
        Assert.Equal(("ValueError", "builtins"), (result.Error!.ExceptionClass, result.Error.Module));
        Assert.Equal("sleep of 5000 ms is longer than the caller waits (1000 ms)", result.Error.RemoteMessage);
    }

    [Fact]
    public async Task A_sleep_within_the_callers_timeout_runs()
    {
        Assert.Equal(10, await _client!.CallAsync<long>(new Target(_topic), "sleep", RpcArgs.From(new { ms = 10 }), TimeSpan.FromSeconds(5)));
    }
}

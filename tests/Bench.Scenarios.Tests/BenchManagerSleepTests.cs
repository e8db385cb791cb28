using Bench.Harness.Workers;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// The Bench worker's `sleep` keeps oslo.messaging's timeout semantics: a sleep longer than the call's timeout ends in a
/// timeout at the caller (never an instant refusal), the worker's slot is free again at the caller's deadline, and the
/// late reply it sends is the one oslo's server sends. Absurd times are still refused. A real service on the assembly's
/// broker, Bench's client and a real oslo.messaging client.
/// </summary>
public sealed class BenchManagerSleepTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly string _topic = BrokerFixture.UniqueName("sleep");
    private Service? _service;
    private RpcClient? _client;

    public async ValueTask InitializeAsync()
    {
        // One slot: a sleep that held it past its caller's deadline would make the next call wait for it.
        _service = await Service.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), new ServiceOptions { Topic = _topic, Host = "sleep-test", MaxConcurrency = 1, ShutdownTimeout = TimeSpan.FromSeconds(20) });
        _client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
    }

    public async ValueTask DisposeAsync()
    {
        await _client!.DisposeAsync();
        await _service!.DisposeAsync();
    }

    [Fact]
    public async Task A_sleep_longer_than_the_callers_timeout_times_out_and_frees_its_slot_at_the_deadline()
    {
        var slow = await _client!.TryCallAsync(new Target(_topic), "sleep", RpcArgs.From(new { ms = 30_000 }), TimeSpan.FromSeconds(1));
        // Had the 30 s sleep kept the only slot, this call (sent at ~1 s, waiting 15 s) would time out behind it.
        var next = await _client.TryCallAsync(new Target(_topic), "sleep", RpcArgs.From(new { ms = 10 }), TimeSpan.FromSeconds(15));

        Assert.Equal(CallOutcome.TimedOut, slow.Outcome);
        Assert.Equal(CallOutcome.Ok, next.Outcome);
        // The worker answered the abandoned call late, as oslo's server does; the client discarded that reply.
        await Eventually.TrueAsync(() => _client.UnmatchedReplies == 1, "the late reply reached the client and was discarded");
    }

    [Fact]
    public async Task A_real_oslo_client_gets_MessagingTimeout_from_a_sleep_longer_than_its_timeout()
    {
        var lines = await PeerProcess.RunAsync("oslo/client.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", _topic, "--timeout", "1", "call", "sleep", "{\"ms\": 3000}", "sleep", "{\"ms\": 5}"]);

        Assert.StartsWith("{\"ok\": false, \"type\": \"MessagingTimeout\"", lines[0], StringComparison.Ordinal);
        Assert.Equal("{\"ok\": true, \"result\": 5}", lines[1]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(600_001)]
    public async Task An_absurd_sleep_is_refused_with_ValueError(long ms)
    {
        var result = await _client!.TryCallAsync(new Target(_topic), "sleep", RpcArgs.From(new { ms }), TimeSpan.FromSeconds(10));

        Assert.Equal(CallOutcome.RemoteError, result.Outcome);
        Assert.Equal(("ValueError", "builtins", $"sleep takes 0 to 600000 ms, not {ms}"), (result.Error!.ExceptionClass, result.Error.Module, result.Error.RemoteMessage));
    }

    [Fact]
    public async Task A_sleep_within_the_callers_timeout_runs()
    {
        Assert.Equal(10, await _client!.CallAsync<long>(new Target(_topic), "sleep", RpcArgs.From(new { ms = 10 }), TimeSpan.FromSeconds(5)));
    }
}

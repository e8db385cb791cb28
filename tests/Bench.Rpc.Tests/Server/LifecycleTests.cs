using Bench.Testing;

namespace Bench.Rpc.Tests.Server;

/// <summary>The service's loops and its soft shutdown.</summary>
public sealed class LifecycleTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task Soft_shutdown_finishes_in_flight_calls_before_closing()
    {
        var service = await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();
        var calls = Enumerable.Range(0, 8).Select(_ => client.TryCallAsync(_rpc.Target, "slow", RpcArgs.From(new { ms = 700 })).AsTask()).ToArray();
        await Eventually.TrueAsync(() => service.InFlight == 8, "all 8 calls are running");

        await service.StopAsync();

        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.Equal(CallOutcome.Ok, r.Outcome));
        Assert.Equal(0, service.InFlight);
        Assert.Equal(8, service.Replies);
    }

    [Fact]
    public async Task Stopped_service_takes_no_new_calls()
    {
        var service = await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();
        await service.DisposeAsync();

        var result = await client.TryCallAsync(_rpc.Target, "add", RpcArgs.From(new { x = 1, y = 1 }), TimeSpan.FromMilliseconds(300));

        Assert.Equal(CallOutcome.TimedOut, result.Outcome);
    }

    [Fact]
    public async Task Report_loop_beats_every_report_interval()
    {
        var beats = new List<Rpc.Server.ServiceHeartbeat>();
        var service = await _rpc.StartServiceAsync(new TestManager(), "reporter", o => o with { ReportInterval = TimeSpan.FromMilliseconds(50), Binary = "bench-test" });
        service.Reported += beat =>
        {
            lock (beats)
            {
                beats.Add(beat);
            }
        };

        await Eventually.TrueAsync(() => service.ReportCount >= 3, "three report beats");
        await service.StopAsync();

        lock (beats)
        {
            Assert.NotEmpty(beats);
            Assert.All(beats, b => Assert.Equal(("reporter", "bench-test", _rpc.Topic), (b.Host, b.Binary, b.Topic)));
            Assert.Equal(beats.Select(b => b.ReportCount).Order(), beats.Select(b => b.ReportCount));
        }
    }

    [Fact]
    public async Task Periodic_tasks_run_every_periodic_interval()
    {
        var manager = new TestManager();
        var service = await _rpc.StartServiceAsync(manager, configure: o => o with { PeriodicInterval = TimeSpan.FromMilliseconds(50) });

        await Eventually.TrueAsync(() => manager.PeriodicRuns >= 3, "three periodic runs");

        Assert.True(service.PeriodicRuns >= 3);
    }

    [Fact]
    public async Task Ack_after_handling_with_prefetch_serves_calls()
    {
        await _rpc.StartServiceAsync(new TestManager(), configure: o => o with { AckMode = Rpc.Server.AckMode.AfterHandling, Prefetch = 4 });
        var client = await _rpc.ConnectAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.CallAsync<long>(_rpc.Target, "slow", RpcArgs.From(new { ms = 5 }))));

        Assert.All(results, r => Assert.Equal(5, r));
    }
}

using Bench.Rpc.Server;
using Bench.Testing;
using Microsoft.Extensions.Logging;

namespace Bench.Rpc.Tests.Server;

/// <summary>Handlers cannot hold a worker hostage: a handler timeout ends them with a timeout reply, and a worker whose slots all stay busy says so.</summary>
public sealed class BoundedHandlerTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task A_handler_past_the_handler_timeout_is_cancelled_and_the_caller_gets_a_timeout_error()
    {
        await _rpc.StartServiceAsync(new TestManager(), configure: o => o with { HandlerTimeout = TimeSpan.FromMilliseconds(200), MaxConcurrency = 1 });
        var client = await _rpc.ConnectAsync();

        var napped = await client.TryCallAsync(_rpc.Target, "nap", RpcArgs.From(new { ms = 600_000 }), TimeSpan.FromMinutes(5));

        Assert.Equal(CallOutcome.RemoteError, napped.Outcome);
        Assert.Equal(("MessagingTimeout", "oslo_messaging.exceptions"), (napped.Error!.ExceptionClass, napped.Error.Module));
        // Its one slot is free again.
        Assert.Equal(5, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 2, y = 3 })));
    }

    [Fact]
    public async Task A_worker_whose_slots_all_stay_busy_logs_it()
    {
        var log = new ListLogger();
        var options = new ServiceOptions { Topic = _rpc.Topic, Host = "h1", MaxConcurrency = 1, BusyWarningAfter = TimeSpan.FromMilliseconds(100), ShutdownTimeout = TimeSpan.FromSeconds(20) };
        await using var service = await Service.StartAsync(_rpc.Uri, new TestManager(), options, log);
        var client = await _rpc.ConnectAsync();
        // A first call resolves the route, so the two below are published in order (each would otherwise resolve it
        // concurrently, and the quick one could reach the worker first and find the slot free).
        Assert.True((await client.TryCallAsync(_rpc.Target, "add", RpcArgs.From(new { x = 0, y = 0 }))).IsOk);

        var first = client.TryCallAsync(_rpc.Target, "nap", RpcArgs.From(new { ms = 1500 })).AsTask();
        var second = client.TryCallAsync(_rpc.Target, "add", RpcArgs.From(new { x = 1, y = 1 })).AsTask();
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.Equal(CallOutcome.Ok, r.Outcome));
        Assert.Contains(log.Lines, l => l.Contains("All 1 handler slots", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}

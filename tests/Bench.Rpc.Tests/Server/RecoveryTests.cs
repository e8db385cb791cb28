using Bench.Testing;

namespace Bench.Rpc.Tests.Server;

/// <summary>Tests that kill connections run alone: closing every connection would disturb the parallel tests.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialGroup;

[Collection("Sequential")]
public sealed class RecoveryTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task Service_and_client_recover_after_the_broker_closes_their_connections()
    {
        Assert.SkipWhen(broker.Node is null, "needs the private node's rabbitmqctl; an external broker cannot be asked to drop connections");
        var manager = new TestManager();
        await _rpc.StartServiceAsync(manager);
        var client = await _rpc.ConnectAsync();
        Assert.Equal(2, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 1, y = 1 })));

        await broker.Node!.CtlAsync(["close_all_connections", "bench recovery test"]);

        // Calls fail or time out while the connections come back; then they succeed again, topology and consumers restored.
        var recovered = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!recovered && DateTime.UtcNow < deadline)
        {
            var result = await client.TryCallAsync(_rpc.Target, "add", RpcArgs.From(new { x = 2, y = 3 }), TimeSpan.FromSeconds(1), discardResult: false);
            recovered = result.IsOk && result.Result.Span.SequenceEqual("5"u8);
            if (!recovered)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(recovered, "no successful call within 60 s of the connections being closed");
        await client.CastAsync(_rpc.Target, "count", RpcArgs.Empty);
        await Eventually.TrueAsync(() => manager.Casts == 1, "a cast after recovery");
    }
}

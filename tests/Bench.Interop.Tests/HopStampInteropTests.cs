using Bench.Rpc;
using Bench.Testing;

namespace Bench.Interop.Tests;

/// <summary>
/// Hop stamps travel where oslo.messaging ignores them: a real Python oslo server answers stamped calls as it
/// answers any, and sends no stamps back, so the client records no hops for it.
/// </summary>
public sealed class HopStampInteropTests(BrokerFixture broker)
{
    [Fact]
    public async Task A_Python_oslo_server_answers_stamped_calls()
    {
        var topic = BrokerFixture.UniqueName("pyhops");
        await using var server = await PeerProcess.StartAsync("oslo/server.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic, "--server", "py1"]);
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20), StampHops = true });
        var observed = 0;
        client.HopsObserved = _ => Interlocked.Increment(ref observed);

        var sums = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            sums.Add(await client.CallAsync<long>(new Target(topic), "add", RpcArgs.From(new { x = i, y = 10 })));
        }

        Assert.Equal([10L, 11L, 12L, 13L, 14L], sums);
        Assert.Equal(0, observed);
    }
}

using System.Collections.Concurrent;
using System.Text;
using Bench.Rpc.Server;
using Bench.Testing;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Hop stamps and oslo's protocol costs as settings, through a real broker: a stamped call's six stamps arrive in
/// order, an unstamped call's reply carries no Bench-only member, and the cheaper settings still answer.
/// </summary>
public sealed class HopStampTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task Every_stamped_call_reports_its_stamps_in_order()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync(new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20), StampHops = true });
        var seen = new ConcurrentQueue<CallHops>();
        client.HopsObserved = seen.Enqueue;

        long[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i => await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = i, y = 1 }))));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results);
        Assert.Equal(50, seen.Count);
        Assert.All(seen, h => Assert.True(
            h.ClientSent > 0 && h.ClientSent <= h.WorkerReceived && h.WorkerReceived <= h.HandlerStarted && h.HandlerStarted <= h.HandlerEnded
            && h.HandlerEnded <= h.ReplySent && h.ReplySent <= h.ClientReceived, h.ToString()));
        Assert.All(seen, h => Assert.Equal(h.ClientReceived - h.ClientSent, Enumerable.Range(0, CallHops.Names.Count).Sum(h.Ticks)));
    }

    [Fact]
    public async Task Only_a_stamped_request_gets_stamps_back()
    {
        await _rpc.StartServiceAsync(new TestManager());
        await using var raw = await RawOslo.ConnectAsync(_rpc.Uri, "bench-hops-raw");
        var properties = new BasicProperties { ContentType = "application/json", ReplyTo = raw.ReplyQueue };

        await raw.PublishAsync(_rpc.Topic, "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}, \"_msg_id\": \"a1\", \"_reply_q\": \"" + raw.ReplyQueue + "\", \"_unique_id\": \"u1\"}", properties);
        var plain = Encoding.UTF8.GetString((await raw.GetAsync(raw.ReplyQueue)).Body.Span);
        await raw.PublishAsync(_rpc.Topic, "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}, \"_msg_id\": \"a2\", \"_reply_q\": \"" + raw.ReplyQueue + "\", \"_unique_id\": \"u2\", \"_bench_sent\": 7}", properties);
        var stamped = Encoding.UTF8.GetString((await raw.GetAsync(raw.ReplyQueue)).Body.Span);

        // oslo's exact reply, as in the captures: nothing after _unique_id.
        Assert.Matches("^\\{\"oslo.version\": \"2.0\", \"oslo.message\": \"\\{\\\\\"result\\\\\": 3, \\\\\"failure\\\\\": null, \\\\\"ending\\\\\": true, \\\\\"_msg_id\\\\\": \\\\\"a1\\\\\", \\\\\"_unique_id\\\\\": \\\\\"[0-9a-f]{32}\\\\\"\\}\"\\}$", plain);
        Assert.Contains("\\\"_bench_hops\\\": [7, ", stamped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cheaper_protocol_settings_still_answer_and_send_what_they_say()
    {
        await _rpc.StartServiceAsync(new TestManager(), configure: o => o with { PersistentReplies = false, MandatoryReplies = false, SeparateReplyChannel = false });
        var client = await _rpc.ConnectAsync(new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20), MessageTtl = false });
        await using var raw = await RawOslo.ConnectAsync(_rpc.Uri, "bench-hops-raw");
        // A second queue bound to the same routing key receives a copy of the call as the client sent it.
        var copy = BrokerFixture.UniqueName("copy");
        await raw.Channel.QueueDeclareAsync(copy, durable: false, exclusive: false, autoDelete: true);
        await raw.Channel.QueueBindAsync(copy, "openstack", _rpc.Topic);

        Assert.Equal(5, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 2, y = 3 })));
        Assert.Null((await raw.GetAsync(copy)).BasicProperties.Expiration);

        var properties = new BasicProperties { ContentType = "application/json", ReplyTo = raw.ReplyQueue };
        await raw.PublishAsync(_rpc.Topic, "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}, \"_msg_id\": \"a1\", \"_reply_q\": \"" + raw.ReplyQueue + "\", \"_unique_id\": \"u3\"}", properties);
        Assert.Equal(DeliveryModes.Transient, (await raw.GetAsync(raw.ReplyQueue)).BasicProperties.DeliveryMode);
    }
}

using Bench.Testing;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// A handler's <see cref="CallerTimeout"/> parameter says how long its caller waits: the message's expiration (the call's
/// timeout, set by RpcClient and by oslo's rabbit driver), shortened only by a call-monitor `_timeout` too short to get
/// heartbeats. Requests published raw to the service's queue, so each property can be set or left out.
/// </summary>
public sealed class CallerTimeoutTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);
    private RawOslo? _raw;

    public async ValueTask InitializeAsync()
    {
        await _rpc.StartServiceAsync(new TestManager());
        _raw = await RawOslo.ConnectAsync(_rpc.Uri, "bench-caller-timeout-raw");
    }

    public async ValueTask DisposeAsync()
    {
        await _raw!.DisposeAsync();
        await _rpc.DisposeAsync();
    }

    [Fact]
    public async Task A_call_through_RpcClient_tells_the_handler_its_timeout()
    {
        var client = await _rpc.ConnectAsync();

        Assert.Equal(3000, await client.CallAsync<long>(_rpc.Target, "patience", RpcArgs.Empty, TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData("5000", null, 5000)]          // the call's timeout, as oslo's rabbit driver sets it
    [InlineData("5000", "30", 5000)]          // a call-monitor window is answered with heartbeats: the caller waits on
    [InlineData(null, "30", -1)]              // ... so without an expiration the whole wait is unknown
    [InlineData(null, "1", 1000)]             // a 1 s window gets no heartbeats: the caller's monitor gives up after it
    [InlineData("5000", "1", 1000)]
    [InlineData(null, "null", -1)]            // oslo sends "_timeout": null when there is no call monitor
    public async Task The_handler_sees_the_expiration_or_a_call_monitor_window_too_short_for_heartbeats(string? expiration, string? callMonitor, long expected)
    {
        var messageId = "m" + Guid.NewGuid().ToString("N");
        var inner = "{\"method\": \"patience\", \"args\": {}, \"_msg_id\": \"" + messageId + "\", \"_reply_q\": \"" + _raw!.ReplyQueue + "\""
            + (callMonitor is null ? string.Empty : ", \"_timeout\": " + callMonitor) + "}";
        await _raw.PublishAsync(_rpc.Topic, inner, new BasicProperties { ContentType = "application/json", ContentEncoding = "utf-8", Expiration = expiration });

        var (id, result, failure) = RawOslo.ReadReply((await _raw.GetAsync(_raw.ReplyQueue)).Body.ToArray());
        Assert.Equal<(string, string?, string)>((messageId, null, expected.ToString(System.Globalization.CultureInfo.InvariantCulture)), (id, failure?.RemoteMessage, result));
    }
}

using System.Text;
using Bench.Rpc.Server;
using Bench.Testing;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Bad input never kills a worker: each malformed request below is published raw to the service's queue; a call
/// gets a failure reply, a cast is dead-lettered, and a good call right after still succeeds.
/// </summary>
public sealed class BadInputTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);
    private RawOslo? _raw;
    private Service? _service;
    private RpcClient? _client;

    public async ValueTask InitializeAsync()
    {
        _service = await _rpc.StartServiceAsync(new TestManager());
        _client = await _rpc.ConnectAsync();
        _raw = await RawOslo.ConnectAsync(_rpc.Uri, "bench-bad-input-raw");
    }

    public async ValueTask DisposeAsync()
    {
        await _raw!.DisposeAsync();
        await _rpc.DisposeAsync();
    }

    public static TheoryData<string, string, string, string> BadCalls => new()
    {
        // name, content type, inner message (wrapped in the 2.0 envelope unless it starts with '!'), expected failure class: message fragment
        { "malformed inner JSON", "application/json", "{\"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\", \"method\": \"add\", \"args\": {\"x\": }", "MalformedRequest: malformed JSON" },
        { "wrong content type", "text/plain", "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "MalformedRequest: unsupported content type 'text/plain'" },
        { "missing method", "application/json", "{\"args\": {}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "MalformedRequest: message has no method" },
        { "missing args", "application/json", "{\"method\": \"add\", \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "MalformedRequest: message has no args" },
        { "unknown method", "application/json", "{\"method\": \"nope\", \"args\": {}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "NoSuchMethod: Endpoint does not support RPC method nope" },
        { "missing arg", "application/json", "{\"method\": \"add\", \"args\": {\"x\": 1}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "TypeError: add() missing 1 required positional argument: 'y'" },
        { "mistyped arg", "application/json", "{\"method\": \"add\", \"args\": {\"x\": [1], \"y\": 2}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "TypeError: add() argument 'x' must be int, not list" },
        { "handler exception", "application/json", "{\"method\": \"crash\", \"args\": {}, \"_msg_id\": \"MSG\", \"_reply_q\": \"REPLYQ\"}", "RuntimeError: the handler blew up" },
    };

    public static TheoryData<string, string, string, string> BadCasts => new()
    {
        { "not JSON", "application/json", "!this is not json", "unreadable message: malformed JSON" },
        { "envelope without oslo.message", "application/json", "!{\"oslo.version\": \"2.0\"}", "envelope has oslo.version but no oslo.message" },
        { "wrong content type", "text/plain", "{\"method\": \"count\", \"args\": {}}", "unsupported content type" },
        { "unknown method", "application/json", "{\"method\": \"nope\", \"args\": {}}", "NoSuchMethod" },
        { "bad args", "application/json", "{\"method\": \"add\", \"args\": {\"x\": \"a\", \"y\": 1}}", "TypeError" },
        { "call with no usable reply queue", "application/json", "{\"method\": \"add\", \"args\": {}, \"_msg_id\": \"MSG\"}", "call with an unusable _msg_id or _reply_q" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task Bad_call_gets_a_failure_reply_and_the_worker_keeps_serving(string name, string contentType, string inner, string expected)
    {
        var messageId = Guid.NewGuid().ToString("N");
        await PublishRawAsync(contentType, inner.Replace("MSG", messageId, StringComparison.Ordinal).Replace("REPLYQ", _raw!.ReplyQueue, StringComparison.Ordinal));

        var reply = await GetAsync(_raw!.ReplyQueue);
        var error = ReadFailure(reply.Body.ToArray(), messageId);

        Assert.Equal(expected, error.ExceptionClass + ": " + error.RemoteMessage[..Math.Min(error.RemoteMessage.Length, expected.Length - error.ExceptionClass.Length - 2)]);
        Assert.True(name.Length > 0);
        await AssertStillServingAsync();
    }

    [Theory]
    [MemberData(nameof(BadCasts))]
    public async Task Bad_cast_is_dead_lettered_and_the_worker_keeps_serving(string name, string contentType, string inner, string reason)
    {
        var before = _service!.DeadLettered;
        await PublishRawAsync(contentType, inner);

        var dead = await GetAsync(_service.Options.EffectiveDeadLetterQueue);

        var header = Encoding.UTF8.GetString((byte[])dead.BasicProperties.Headers!["x-bench-reason"]!);
        Assert.Contains(reason, header, StringComparison.Ordinal);
        Assert.Equal(before + 1, _service.DeadLettered);
        Assert.Equal(contentType, dead.BasicProperties.ContentType);
        Assert.True(name.Length > 0);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Duplicate_unique_id_is_dropped()
    {
        const string Message = "{\"method\": \"count\", \"args\": {}, \"_unique_id\": \"0123456789abcdef0123456789abcdef\"}";
        var before = _service!.Duplicates;

        await PublishRawAsync("application/json", Message);
        await PublishRawAsync("application/json", Message);

        await Eventually.TrueAsync(() => _service.Duplicates == before + 1, "the redelivered copy was dropped");
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync() =>
        Assert.Equal(42, await _client!.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 40, y = 2 })));

    private Task PublishRawAsync(string contentType, string inner) =>
        _raw!.PublishAsync(_rpc.Topic, inner, new BasicProperties { ContentType = contentType, ContentEncoding = "utf-8" });

    private Task<BasicGetResult> GetAsync(string queue) => _raw!.GetAsync(queue);

    private static RemoteError ReadFailure(byte[] body, string messageId)
    {
        var (id, _, failure) = RawOslo.ReadReply(body);
        Assert.Equal(messageId, id);
        Assert.NotNull(failure);
        return failure;
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using Bench.Rpc.Client;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Plain RabbitMQ.Client request/reply whose messages carry the AMQP properties oslo's do, so that what RabbitMQ.Client
/// allocates to read them is on both sides of an allocation comparison: a request with content type, encoding,
/// delivery mode, priority and expiration (the TTL); a reply with content type, encoding, delivery mode and priority,
/// published mandatory. Like oslo, and unlike the raw baseline's reply_to, the reply queue is not a property: the
/// server replies to the one queue it was given. No JSON, no envelope, no dispatch: a 12-byte header (call slot and
/// generation) is echoed, and the client completes calls through the RPC client's own pending-call table.
/// </summary>
internal sealed class PropertyMatchedRawPair : IAsyncDisposable
{
    private const int HeaderLength = 12;
    private readonly IConnection _connection;
    private readonly IChannel _clientChannel;
    private readonly IChannel _serverChannel;
    private readonly PendingCalls _pending = new(TimeSpan.FromMilliseconds(10));
    private readonly CachedString _exchange;
    private readonly CachedString _queue;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly CachedString _replyQueue;
    private readonly BasicProperties _requestProperties;
    private readonly BasicProperties _replyProperties = new() { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent, Priority = 0 };
    private readonly byte[] _request = new byte[HeaderLength + 16];

    private PropertyMatchedRawPair(IConnection connection, IChannel clientChannel, IChannel serverChannel, string exchange, string queue, string replyQueue, TimeSpan ttl)
    {
        (_connection, _clientChannel, _serverChannel) = (connection, clientChannel, serverChannel);
        (_exchange, _queue, _replyQueue) = (new CachedString(exchange), new CachedString(queue), new CachedString(replyQueue));
        _requestProperties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryMode = DeliveryModes.Persistent,
            Priority = 0,
            Expiration = ((long)ttl.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public static async Task<PropertyMatchedRawPair> StartAsync(Uri uri, string exchange, string queue, TimeSpan ttl)
    {
        var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
        var clientChannel = await connection.CreateChannelAsync();
        var serverChannel = await connection.CreateChannelAsync();
        var replyQueue = queue + ".reply";
        await serverChannel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: false, autoDelete: false);
        await serverChannel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);
        await serverChannel.QueueBindAsync(queue, exchange, queue);
        await clientChannel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true);
        var pair = new PropertyMatchedRawPair(connection, clientChannel, serverChannel, exchange, queue, replyQueue, ttl);
        await serverChannel.BasicConsumeAsync(queue, autoAck: false, new ServerConsumer(serverChannel, pair));
        await clientChannel.BasicConsumeAsync(replyQueue, autoAck: true, new ClientConsumer(clientChannel, pair));
        return pair;
    }

    /// <summary>
    /// One call at a time (the comparison's calls are sequential), so one request buffer serves them all. Not an async
    /// method: one that awaited the reply would allocate its state machine per call, which neither client does.
    /// </summary>
    public ValueTask<CallResult> CallAsync(TimeSpan timeout)
    {
        var call = _pending.Rent();
        var generation = call.Arm(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), wantsResult: false, default);
        BinaryPrimitives.WriteInt32LittleEndian(_request, call.Index);
        BinaryPrimitives.WriteInt64LittleEndian(_request.AsSpan(4), generation);
        var publish = _clientChannel.BasicPublishAsync(_exchange, _queue, mandatory: false, _requestProperties, _request);
        return publish.IsCompletedSuccessfully ? call.AsValueTask() : AfterPublishAsync(publish, call);
    }

    public async ValueTask DisposeAsync()
    {
        await _pending.DisposeAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    private static async ValueTask<CallResult> AfterPublishAsync(ValueTask publish, PendingCall call)
    {
        await publish;
        return await call.AsValueTask();
    }

    private async Task ServeAsync(ulong deliveryTag, ReadOnlyMemory<byte> body)
    {
        await _serverChannel.BasicAckAsync(deliveryTag, multiple: false);
        await _serverChannel.BasicPublishAsync(_defaultExchange, _replyQueue, mandatory: true, _replyProperties, body);
    }

    private void OnReply(ReadOnlySpan<byte> body)
    {
        if (body.Length >= HeaderLength && _pending.Get(BinaryPrimitives.ReadInt32LittleEndian(body)) is { } call)
        {
            call.TryComplete(BinaryPrimitives.ReadInt64LittleEndian(body[4..]), new CallResult(CallOutcome.Ok));
        }
    }

    private sealed class ServerConsumer(IChannel channel, PropertyMatchedRawPair pair) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            pair.ServeAsync(deliveryTag, body);
    }

    private sealed class ClientConsumer(IChannel channel, PropertyMatchedRawPair pair) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            pair.OnReply(body.Span);
            return Task.CompletedTask;
        }
    }
}

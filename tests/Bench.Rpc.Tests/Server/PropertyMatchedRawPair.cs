using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Plain RabbitMQ.Client request/reply whose messages carry the AMQP properties oslo's do, so that what RabbitMQ.Client
/// allocates to read them is on both sides of an allocation comparison: a request with content type, encoding,
/// delivery mode, priority and expiration (the TTL); a reply with content type, encoding, delivery mode and priority,
/// published mandatory. Like oslo, and unlike the raw baseline's reply_to, the reply queue is not a property: the
/// server replies to the one queue it was given. No JSON, no envelope, no dispatch: the request's 28 bytes are echoed,
/// and the client completes its one call in flight through the RPC client's own pending-call table (<see cref="OneCallAtATime"/>).
/// </summary>
internal sealed class PropertyMatchedRawPair : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _clientChannel;
    private readonly IChannel _serverChannel;
    private readonly OneCallAtATime _calls = new();
    private readonly CachedString _exchange;
    private readonly CachedString _queue;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly CachedString _replyQueue;
    private readonly BasicProperties _requestProperties;
    private readonly BasicProperties _replyProperties = new() { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent, Priority = 0 };
    private readonly byte[] _request = new byte[12 + 16]; // the raw baseline's size: its 12-byte header and a 16-byte payload

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

    /// <summary>One call at a time (the comparison's calls are sequential), so one request buffer serves them all.</summary>
    public ValueTask<CallResult> CallAsync(TimeSpan timeout)
    {
        _calls.Arm(timeout);
        return _calls.ResultAsync(_clientChannel.BasicPublishAsync(_exchange, _queue, mandatory: false, _requestProperties, _request));
    }

    public async ValueTask DisposeAsync()
    {
        await _calls.DisposeAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    private async Task ServeAsync(ulong deliveryTag, ReadOnlyMemory<byte> body)
    {
        await _serverChannel.BasicAckAsync(deliveryTag, multiple: false);
        await _serverChannel.BasicPublishAsync(_defaultExchange, _replyQueue, mandatory: true, _replyProperties, body);
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
            pair._calls.ReplyArrived();
            return Task.CompletedTask;
        }
    }
}

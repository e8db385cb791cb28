using Bench.Rpc.Celery;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Sends one Celery task message at a time (tasks.add(2, 3), exactly as Bench's Celery client writes it: protocol-2
/// headers, correlation id, reply_to) to a queue and waits for its result, so that a worker's allocations per task can
/// be counted. It also hosts the comparison's plain RabbitMQ.Client consumer: it acks each task and publishes a
/// result with the properties Bench's Celery worker gives its results, so RabbitMQ.Client's own share (reading the 16
/// headers, the correlation id, the reply) is the same on both sides. The same message is sent every time, so
/// publishing allocates only what RabbitMQ.Client does, and both sides pay it alike.
/// </summary>
internal sealed class CeleryTaskFeed : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IChannel _serverChannel;
    private readonly OneCallAtATime _calls = new();
    private readonly BasicProperties _taskProperties;
    private readonly byte[] _body;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly BasicProperties _resultProperties = new()
    {
        ContentType = CeleryWire.ContentType,
        ContentEncoding = CeleryWire.ContentEncoding,
        DeliveryMode = DeliveryModes.Transient,
        Priority = 0,
        Headers = new Dictionary<string, object?>(),
    };

    private readonly byte[] _result;
    private CachedString? _resultRoute;

    private CeleryTaskFeed(IConnection connection, IChannel channel, IChannel serverChannel, string replyQueue)
    {
        (_connection, _channel, _serverChannel) = (connection, channel, serverChannel);
        const string id = "0b3b43a2-6a8e-4a0b-9a55-6c0f3f8a2d11";
        _taskProperties = new BasicProperties
        {
            ContentType = CeleryWire.ContentType,
            ContentEncoding = CeleryWire.ContentEncoding,
            DeliveryMode = DeliveryModes.Persistent,
            Priority = 0,
            CorrelationId = id,
            ReplyTo = replyQueue,
            Headers = CeleryWire.Headers("tasks.add", id, "(2, 3)", ignoreResult: false, "gen1@bench"),
        };
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        CeleryWire.WriteBody(body, "[2, 3]"u8, "{}"u8);
        _body = body.WrittenSpan.ToArray();
        var result = new System.Buffers.ArrayBufferWriter<byte>();
        CeleryWire.WriteResult(result, System.Text.Encoding.UTF8.GetBytes(id), success: true, "5"u8, error: null);
        _result = result.WrittenSpan.ToArray();
    }

    /// <summary>Connects, declares the reply queue, and serves <paramref name="rawQueue"/> with plain RabbitMQ.Client.</summary>
    public static async Task<CeleryTaskFeed> StartAsync(Uri uri, string rawQueue)
    {
        var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var serverChannel = await connection.CreateChannelAsync();
        var replyQueue = rawQueue + ".results";
        await channel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true);
        await serverChannel.QueueDeclareAsync(rawQueue, durable: true, exclusive: false, autoDelete: false);
        await serverChannel.BasicQosAsync(0, 4, global: false); // a Celery worker's prefetch: concurrency 1 × multiplier 4
        var feed = new CeleryTaskFeed(connection, channel, serverChannel, replyQueue);
        await channel.BasicConsumeAsync(replyQueue, autoAck: true, new ResultConsumer(channel, feed));
        await serverChannel.BasicConsumeAsync(rawQueue, autoAck: false, new RawConsumer(serverChannel, feed));
        return feed;
    }

    /// <summary>Sends the task to <paramref name="queue"/>; completes when its result arrives.</summary>
    public ValueTask<CallResult> SendAsync(CachedString queue, TimeSpan timeout)
    {
        _calls.Arm(timeout);
        return _calls.ResultAsync(_channel.BasicPublishAsync(_defaultExchange, queue, mandatory: false, _taskProperties, _body));
    }

    public async ValueTask DisposeAsync()
    {
        await _calls.DisposeAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    private async Task ServeAsync(ulong deliveryTag, IReadOnlyBasicProperties properties)
    {
        await _serverChannel.BasicAckAsync(deliveryTag, multiple: false);
        _resultRoute ??= new CachedString(properties.ReplyTo!);
        _resultProperties.CorrelationId = properties.CorrelationId;
        await _serverChannel.BasicPublishAsync(_defaultExchange, _resultRoute, mandatory: false, _resultProperties, _result);
    }

    private sealed class ResultConsumer(IChannel channel, CeleryTaskFeed feed) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            feed._calls.ReplyArrived();
            return Task.CompletedTask;
        }
    }

    private sealed class RawConsumer(IChannel channel, CeleryTaskFeed feed) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            feed.ServeAsync(deliveryTag, properties);
    }
}

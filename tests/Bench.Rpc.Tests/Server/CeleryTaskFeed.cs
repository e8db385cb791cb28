using Bench.Rpc.Celery;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Sends one Celery task message at a time (tasks.add(2, 3), exactly as Bench's Celery client writes it: protocol-2
/// headers, correlation id, reply_to) to a queue and waits for its result, so that a worker's allocations per task can
/// be counted. Its own server is the comparison's plain RabbitMQ.Client consumer: it acks each task and publishes a
/// result with the properties Bench's Celery worker gives its results, so RabbitMQ.Client's own share (reading the 16
/// headers, the correlation id, the reply) is the same on both sides. The same message is sent every time, so
/// publishing allocates only what RabbitMQ.Client does, and both sides pay it alike.
/// </summary>
internal sealed class CeleryTaskFeed : RawRequestReply
{
    private const string TaskId = "0b3b43a2-6a8e-4a0b-9a55-6c0f3f8a2d11";
    private readonly BasicProperties _taskProperties;
    private readonly byte[] _body;
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
    private CachedString? _target;

    private CeleryTaskFeed((IConnection Connection, IChannel Client, IChannel Server) link, string replyQueue)
        : base(link.Connection, link.Client, link.Server)
    {
        _taskProperties = new BasicProperties
        {
            ContentType = CeleryWire.ContentType,
            ContentEncoding = CeleryWire.ContentEncoding,
            DeliveryMode = DeliveryModes.Persistent,
            Priority = 0,
            CorrelationId = TaskId,
            ReplyTo = replyQueue,
            Headers = CeleryWire.Headers("tasks.add", TaskId, "(2, 3)", ignoreResult: false, "gen1@bench"),
        };
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        CeleryWire.WriteBody(body, "[2, 3]"u8, "{}"u8);
        _body = body.WrittenSpan.ToArray();
        var result = new System.Buffers.ArrayBufferWriter<byte>();
        CeleryWire.WriteResult(result, System.Text.Encoding.UTF8.GetBytes(TaskId), success: true, "5"u8, error: null);
        _result = result.WrittenSpan.ToArray();
    }

    /// <summary>Connects, declares the reply queue, and serves <paramref name="rawQueue"/> with plain RabbitMQ.Client.</summary>
    public static async Task<CeleryTaskFeed> StartAsync(Uri uri, string rawQueue)
    {
        var link = await ConnectAsync(uri);
        var replyQueue = rawQueue + ".results";
        await link.Client.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true);
        await link.Server.QueueDeclareAsync(rawQueue, durable: true, exclusive: false, autoDelete: false);
        await link.Server.BasicQosAsync(0, 4, global: false); // a Celery worker's prefetch: concurrency 1 × multiplier 4
        var feed = new CeleryTaskFeed(link, replyQueue);
        await feed.ConsumeAsync(replyQueue, rawQueue);
        return feed;
    }

    /// <summary>Sends the task to <paramref name="queue"/>; completes when its result arrives.</summary>
    public ValueTask<CallResult> SendAsync(CachedString queue, TimeSpan timeout)
    {
        _target = queue;
        return ArmAndSendAsync(timeout);
    }

    protected override async Task ServeAsync(ulong deliveryTag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        await ServerChannel.BasicAckAsync(deliveryTag, multiple: false);
        _resultRoute ??= new CachedString(properties.ReplyTo!);
        _resultProperties.CorrelationId = properties.CorrelationId;
        await ServerChannel.BasicPublishAsync(DefaultExchange, _resultRoute, mandatory: false, _resultProperties, _result);
    }

    protected override ValueTask SendRequest() => ClientChannel.BasicPublishAsync(DefaultExchange, _target!, mandatory: false, _taskProperties, _body);
}

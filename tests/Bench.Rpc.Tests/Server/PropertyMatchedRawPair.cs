using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Plain RabbitMQ.Client request/reply whose messages carry the AMQP properties oslo's do, so that what RabbitMQ.Client
/// allocates to read them is on both sides of an allocation comparison: a request with content type, encoding,
/// delivery mode, priority and expiration (the TTL); a reply with content type, encoding, delivery mode and priority,
/// published mandatory. Like oslo, and unlike the raw baseline's reply_to, the reply queue is not a property: the
/// server replies to the one queue it was given. No JSON, no envelope, no dispatch: the request's 28 bytes (the raw
/// baseline's 12-byte header and 16-byte payload) are echoed.
/// </summary>
internal sealed class PropertyMatchedRawPair : RawRequestReply
{
    private readonly CachedString _exchange;
    private readonly CachedString _queue;
    private readonly CachedString _replyQueue;
    private readonly BasicProperties _requestProperties;
    private readonly BasicProperties _replyProperties = new() { ContentType = "application/json", ContentEncoding = "utf-8", DeliveryMode = DeliveryModes.Persistent, Priority = 0 };
    private readonly byte[] _request = new byte[12 + 16];

    private PropertyMatchedRawPair((IConnection Connection, IChannel Client, IChannel Server) link, string exchange, string queue, string replyQueue, TimeSpan ttl)
        : base(link.Connection, link.Client, link.Server)
    {
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
        var link = await ConnectAsync(uri);
        var replyQueue = "reply_" + Guid.NewGuid().ToString("N"); // as long as Bench's client's reply_<32 hex>
        await link.Server.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: false, autoDelete: false);
        await link.Server.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: true);
        await link.Server.QueueBindAsync(queue, exchange, queue);
        await link.Client.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true);
        var pair = new PropertyMatchedRawPair(link, exchange, queue, replyQueue, ttl);
        await pair.ConsumeAsync(replyQueue, queue);
        return pair;
    }

    /// <summary>One call; the comparison's calls are sequential, so one request buffer serves them all.</summary>
    public ValueTask<CallResult> CallAsync(TimeSpan timeout) => ArmAndSendAsync(timeout);

    protected override async Task ServeAsync(ulong deliveryTag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        await ServerChannel.BasicAckAsync(deliveryTag, multiple: false);
        await ServerChannel.BasicPublishAsync(DefaultExchange, _replyQueue, mandatory: true, _replyProperties, body);
    }

    protected override ValueTask SendRequest() => ClientChannel.BasicPublishAsync(_exchange, _queue, mandatory: false, _requestProperties, _request);
}

using System.Buffers.Binary;
using System.Diagnostics;
using RabbitMQ.Client;

namespace Bench.Rpc.Raw;

/// <summary>
/// The baseline's server: plain RabbitMQ.Client, no RPC layer. A message with reply_to is echoed back to it (a raw
/// request/reply); one without is a raw cast whose first 8 bytes are the send timestamp. It honours the settings the
/// RPC service runs with — prefetch, queue type (classic or quorum), durability and ack mode (on receipt, oslo's
/// default, or after the reply is published) — so the two differ only by what the RPC layer adds. A raw cast's send
/// and arrival timestamps go to <c>onCast</c> (the worker's one-way statistics).
/// </summary>
public sealed class RawEchoServer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Action<long, long> _onCast;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly ReplyRouteCache _routes = new();
    private readonly bool _ackAfter;

    private RawEchoServer(IConnection connection, IChannel channel, Action<long, long> onCast, bool ackAfter)
    {
        _connection = connection;
        _channel = channel;
        _onCast = onCast;
        _ackAfter = ackAfter;
    }

    public static async Task<RawEchoServer> StartAsync(Uri uri, string queue, string exchange, ushort prefetch, bool durable, Action<long, long> onCast, CancellationToken cancellationToken,
        bool quorum = false, bool ackAfter = false)
    {
        // Bench's connector: automatic recovery redeclares the queue, exchange, binding and consumer after a loss.
        var connection = await AmqpConnector.ConnectAsync(uri, "bench-raw-server:" + queue, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        // A quorum queue is always durable; the RPC service declares the same.
        await channel.QueueDeclareAsync(queue, durable: durable || quorum, exclusive: false, autoDelete: false,
            arguments: quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null, cancellationToken: cancellationToken);
        // Also reachable through oslo's topic exchange, so the baseline can be measured on either route.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: durable, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, exchange, queue, cancellationToken: cancellationToken);
        if (prefetch > 0)
        {
            await channel.BasicQosAsync(0, prefetch, false, cancellationToken);
        }

        var server = new RawEchoServer(connection, channel, onCast, ackAfter);
        await channel.BasicConsumeAsync(queue, autoAck: false, new Consumer(channel, server), cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync() => await AmqpConnector.CloseAsync(_connection, _channel);

    private async Task HandleAsync(ulong tag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        if (!_ackAfter)
        {
            await _channel.BasicAckAsync(tag, false);
        }

        if (properties.ReplyTo is { } replyTo)
        {
            await _channel.BasicPublishAsync(_defaultExchange, _routes.Get(replyTo), mandatory: false, body);
        }
        else if (body.Length >= 8)
        {
            _onCast(BinaryPrimitives.ReadInt64LittleEndian(body.Span), Stopwatch.GetTimestamp());
        }

        if (_ackAfter)
        {
            await _channel.BasicAckAsync(tag, false);
        }
    }

    private sealed class Consumer(IChannel channel, RawEchoServer server) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            server.HandleAsync(deliveryTag, properties, body);
    }
}

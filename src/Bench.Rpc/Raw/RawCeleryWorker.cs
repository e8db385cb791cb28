using System.Text;
using Bench.Rpc.Celery;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Bench.Rpc.Raw;

/// <summary>
/// The Celery baseline's worker: plain RabbitMQ.Client, no Celery layer. It consumes the task queue as
/// <see cref="CeleryWorker"/> does (the same queue, global QoS of multiplier × concurrency, ack before or, with
/// acks_late, after the reply) and answers each task that wants a result (a reply_to, no ignore_result header) with a
/// SUCCESS result carrying the task's id (its correlation id) and a null value, with the properties Bench's worker gives
/// its results. It reads no other header and no body, and runs nothing: what it costs per task is RabbitMQ.Client's own floor for a Celery task's messages, which
/// <see cref="CeleryWorker"/>'s cost is measured against. Its result is not the task's: only a client that ignores
/// result values (Bench's load, Celery's <c>.get()</c> in the peer client) can be driven against it.
/// </summary>
public sealed class RawCeleryWorker : IAsyncDisposable
{
    // A Celery task id is a UUID (36 characters); anything longer is still answered, through a heap buffer.
    private const int StackIdBytes = 128;

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly bool _acksLate;
    private readonly Dictionary<string, CachedString> _routes = new(StringComparer.Ordinal); // the consumer loop's alone: no lock
    private readonly CachedString _defaultExchange = new(string.Empty);

    private RawCeleryWorker(IConnection connection, IChannel channel, bool acksLate)
    {
        _connection = connection;
        _channel = channel;
        _acksLate = acksLate;
    }

    /// <summary>Connects and consumes <see cref="CeleryWorkerOptions.Queue"/>; task prefix and rate limits do not apply.</summary>
    public static async Task<RawCeleryWorker> StartAsync(Uri amqpUri, CeleryWorkerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await CeleryTopology.DeclareTaskQueueAsync(channel, options.Queue, cancellationToken);
            if (options.PrefetchMultiplier > 0)
            {
                await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, options.PrefetchMultiplier * options.Concurrency), global: true, cancellationToken);
            }

            var worker = new RawCeleryWorker(connection, channel, options.AcksLate);
            await channel.BasicConsumeAsync(options.Queue, autoAck: false, new Consumer(channel, worker), cancellationToken);
            logger.LogInformation("Raw Celery baseline on queue {Queue}: plain RabbitMQ.Client, every task answered SUCCESS with a null result", options.Queue);
            return worker;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await AmqpConnector.CloseAsync(_connection, _channel);

    private async Task HandleAsync(ulong tag, IReadOnlyBasicProperties properties)
    {
        if (!_acksLate)
        {
            await _channel.BasicAckAsync(tag, multiple: false);
        }

        if (properties.ReplyTo is { Length: > 0 } replyTo && properties.CorrelationId is { } id && !CeleryWire.HeaderBool(properties.Headers, "ignore_result"))
        {
            var work = CeleryWorkItem.Rent();
            try
            {
                var length = Encoding.UTF8.GetMaxByteCount(id.Length);
                var idBytes = length <= StackIdBytes ? stackalloc byte[StackIdBytes] : new byte[length];
                idBytes = idBytes[..Encoding.UTF8.GetBytes(id, idBytes)];
                CeleryWire.WriteResult(work.Reply, idBytes, success: true, "null"u8, error: null);
                work.Properties.CorrelationId = id;
                if (!_routes.TryGetValue(replyTo, out var route))
                {
                    _routes[replyTo] = route = new CachedString(replyTo);
                }

                await _channel.BasicPublishAsync(_defaultExchange, route, mandatory: false, work.Properties, work.Reply.WrittenMemory);
            }
            finally
            {
                work.Return();
            }
        }

        if (_acksLate)
        {
            await _channel.BasicAckAsync(tag, multiple: false);
        }
    }

    private sealed class Consumer(IChannel channel, RawCeleryWorker worker) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            worker.HandleAsync(deliveryTag, properties);
    }
}

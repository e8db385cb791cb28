using Bench.Rpc.Celery;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Bench.Rpc.Raw;

/// <summary>
/// The Celery baseline's worker: plain RabbitMQ.Client, no Celery layer. It consumes the task queue as
/// <see cref="CeleryWorker"/> does (the same queue, global QoS of multiplier × concurrency, ack before or, with
/// acks_late, after the reply) and answers each task that wants a result (a reply_to, no ignore_result header) with a
/// SUCCESS result carrying the task's id (its correlation id) and a null value, with the properties Bench's worker gives
/// its results. It reads no other header and no body, and runs nothing: what it costs per task is RabbitMQ.Client's
/// share of a Celery task's messages, which <see cref="CeleryWorker"/>'s cost is measured against. Its result is not the
/// task's: it is for clients that ignore result values (Bench's load engine).
/// </summary>
public sealed class RawCeleryWorker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly bool _acksLate;
    private readonly ILogger _logger;
    private readonly ReplyRouteCache _routes = new();
    private readonly CachedString _defaultExchange = new(string.Empty);
    private string? _consumerTag;
    private int _handling; // 1 while a delivery is being handled (one at a time: RabbitMQ.Client's dispatch concurrency is 1)

    private RawCeleryWorker(IConnection connection, IChannel channel, bool acksLate, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _acksLate = acksLate;
        _logger = logger;
    }

    /// <summary>Connects and consumes <see cref="CeleryWorkerOptions.Queue"/>; task prefix and rate limits do not apply.</summary>
    public static async Task<RawCeleryWorker> StartAsync(Uri amqpUri, CeleryWorkerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await CeleryTopology.OpenWorkerChannelAsync(connection, options, cancellationToken);

            var worker = new RawCeleryWorker(connection, channel, options.AcksLate, logger);
            worker._consumerTag = await channel.BasicConsumeAsync(options.Queue, autoAck: false, new Consumer(channel, worker), cancellationToken);
            logger.LogInformation("Raw Celery baseline on queue {Queue}: plain RabbitMQ.Client, every task answered SUCCESS with a null result", options.Queue);
            return worker;
        }, cancellationToken);
    }

    /// <summary>Stops consuming first, so that no delivery is mid-reply when the connection closes.</summary>
    public async ValueTask DisposeAsync()
    {
        await ConsumerDrain.CancelAndWaitAsync(_channel, _consumerTag, () => Volatile.Read(ref _handling) != 0);
        await AmqpConnector.CloseAsync(_connection, _channel);
    }

    private async Task HandleAsync(ulong tag, IReadOnlyBasicProperties properties)
    {
        // Nothing else reports a failed ack or publish on RabbitMQ.Client's dispatcher: log it, as Bench's worker does.
        Volatile.Write(ref _handling, 1);
        try
        {
            if (!_acksLate)
            {
                await _channel.BasicAckAsync(tag, multiple: false);
            }

            if (properties.ReplyTo is { Length: > 0 } replyTo && !CeleryWire.HeaderBool(properties.Headers, "ignore_result"))
            {
                await ReplyAsync(replyTo, properties.CorrelationId);
            }

            if (_acksLate)
            {
                await _channel.BasicAckAsync(tag, multiple: false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning("Task delivery {Tag} failed: {Error}", tag, e.Message);
        }
        finally
        {
            Volatile.Write(ref _handling, 0);
        }
    }

    private async Task ReplyAsync(string replyTo, string? id)
    {
        if (id is null)
        {
            // The baseline reads no body, where a protocol-1 task keeps its id: it has nothing to answer with.
            _logger.LogWarning("A task without a correlation id was not answered: the raw baseline reads the id only from there");
            return;
        }

        var work = CeleryWorkItem.Rent();
        try
        {
            work.SetId(id);
            work.Properties.CorrelationId = id;
            CeleryWire.WriteResult(work.Reply, work.Id, success: true, "null"u8, error: null);
            await _channel.BasicPublishAsync(_defaultExchange, _routes.Get(replyTo), mandatory: false, work.Properties, work.Reply.WrittenMemory);
        }
        finally
        {
            work.Return();
        }
    }

    private sealed class Consumer(IChannel channel, RawCeleryWorker worker) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            worker.HandleAsync(deliveryTag, properties);
    }
}

using RabbitMQ.Client;

namespace Bench.Rpc.Celery;

/// <summary>
/// The entities a Celery client and worker both declare, with exactly Celery's flags (anything else is 406
/// PRECONDITION_FAILED for one side or the other): a durable direct exchange and a durable queue of the same name, bound.
/// </summary>
internal static class CeleryTopology
{
    public static async Task DeclareTaskQueueAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, queue, queue, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A worker's consuming channel, as a Celery worker sets it up: the task queue declared, and global QoS of
    /// multiplier × concurrency (the limit covers the whole worker, not each consumer; multiplier 0 is unlimited).
    /// </summary>
    public static async Task<IChannel> OpenWorkerChannelAsync(IConnection connection, CeleryWorkerOptions options, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await DeclareTaskQueueAsync(channel, options.Queue, cancellationToken);
        if (options.PrefetchMultiplier > 0)
        {
            await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, options.PrefetchMultiplier * options.Concurrency), global: true, cancellationToken);
        }

        return channel;
    }
}

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
}

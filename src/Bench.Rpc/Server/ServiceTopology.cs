using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// oslo.messaging's server topology for one topic: the control exchange, the T and T.host queues bound to it, a
/// per-start fanout queue on T_fanout, and Bench's dead-letter queue. Declared through the client, so RabbitMQ.Client
/// records it and declares it again after a connection loss.
/// </summary>
internal static class ServiceTopology
{
    /// <summary>Declares everything and returns the queues to consume, in order: T, T.host, the fanout queue.</summary>
    public static async Task<string[]> DeclareAsync(IChannel channel, IChannel replyChannel, ServiceOptions o, string fanoutQueue, CancellationToken cancellationToken)
    {
        var topicArguments = o.QueueKind == QueueKind.Quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null;
        var durableTopic = o.Durable || o.QueueKind == QueueKind.Quorum;
        await channel.ExchangeDeclareAsync(o.ControlExchange, ExchangeType.Topic, durable: o.Durable, autoDelete: false, cancellationToken: cancellationToken);
        var serverQueue = o.Topic + "." + o.Host;
        foreach (var queue in new[] { o.Topic, serverQueue })
        {
            await channel.QueueDeclareAsync(queue, durable: durableTopic, exclusive: false, autoDelete: false, arguments: topicArguments, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, o.ControlExchange, queue, cancellationToken: cancellationToken);
        }

        var fanoutExchange = o.Topic + "_fanout";
        await channel.ExchangeDeclareAsync(fanoutExchange, ExchangeType.Fanout, durable: false, autoDelete: true, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(fanoutQueue, durable: false, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-expires"] = o.TransientQueueExpiresMs }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(fanoutQueue, fanoutExchange, o.Topic, cancellationToken: cancellationToken);
        // Quorum like the topic queues: a classic durable queue whose node is down cannot be declared again elsewhere, which
        // fails a worker's topology recovery (and so its consumers) after its node dies in a cluster.
        await replyChannel.QueueDeclareAsync(o.EffectiveDeadLetterQueue, durable: true, exclusive: false, autoDelete: false, arguments: topicArguments, cancellationToken: cancellationToken);
        if (o.Prefetch > 0)
        {
            await channel.BasicQosAsync(0, o.Prefetch, global: false, cancellationToken);
        }

        return [o.Topic, serverQueue, fanoutQueue];
    }
}

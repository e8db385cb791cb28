using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bench.Rpc;

/// <summary>
/// Reads a queue's consumer count by passive declare, which changes nothing on the broker: how a peer that logs no
/// reliable "ready" line (a Celery worker below INFO) is seen to be serving, and how a target is checked before load.
/// </summary>
public static class QueueProbe
{
    /// <summary>The queue's consumer count, or null when the broker has no such queue (NOT_FOUND).</summary>
    public static async Task<uint?> ConsumersAsync(IConnection connection, string queue, CancellationToken cancellationToken = default)
    {
        // A 404 closes the channel, so each probe takes its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>True once someone consumes the queue; false while it is not declared or has no consumer.</summary>
    public static async Task<bool> HasConsumerAsync(Uri broker, string queue, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await AmqpConnector.OpenAsync(AmqpConnector.CreateFactory(broker, "bench-probe"), cancellationToken);
            return await ConsumersAsync(connection, queue, cancellationToken) > 0;
        }
        catch (OperationInterruptedException)
        {
            return false; // the peer's queue is being declared (or the connection dropped): ask again on the next poll
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
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

    /// <summary>
    /// Waits until each queue has a consumer, polling every 50 ms, for at most <paramref name="bound"/> in all: what a
    /// client does after a recovery before it sends again (see <see cref="ConnectionWatch.BeforeUp"/>). Queues still
    /// without one at the bound are logged, and the client sends anyway.
    /// </summary>
    public static async Task WaitForConsumersAsync(IConnection connection, IEnumerable<string> queues, TimeSpan bound, ILogger logger, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var started = Stopwatch.GetTimestamp();
        foreach (var queue in queues)
        {
            var waited = false;
            while (await ConsumersAsync(connection, queue, cancellationToken) is not > 0)
            {
                if (Stopwatch.GetElapsedTime(started) >= bound)
                {
                    logger.LogWarning("{Client}: after recovery, queue {Queue} still has no consumer after {Seconds:0.#} s; sending anyway", client, queue, bound.TotalSeconds);
                    return;
                }

                waited = true;
                await Task.Delay(50, cancellationToken);
            }

            if (waited)
            {
                logger.LogInformation("{Client}: after recovery, waited {Seconds:0.00} s for {Queue} to be consumed again before sending", client, Stopwatch.GetElapsedTime(started).TotalSeconds, queue);
            }
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

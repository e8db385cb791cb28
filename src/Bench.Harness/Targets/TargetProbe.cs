using System.Globalization;
using Bench.Harness.Runs;
using Bench.Rpc;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bench.Harness.Targets;

/// <summary>
/// Checks that an external target is there before any load is sent — its exchange exists, its queue exists and
/// someone consumes it — by passive declares, which change nothing on the user's broker; and reads the broker's
/// view of its consumers (how many; their prefetch where the broker exposes it: rabbitmqctl on Bench's private node).
/// </summary>
public static class TargetProbe
{
    /// <summary>
    /// Throws <see cref="TargetUnreachableException"/> naming everything that is missing (a missing exchange and a
    /// missing queue are both named, so the line does not send the user to fix one and then trip on the other);
    /// returns the queue's consumer count.
    /// </summary>
    public static async Task<uint> CheckAsync(Uri broker, string? exchange, string queue, string what, CancellationToken cancellation)
    {
        await using var connection = await AmqpConnector.OpenAsync(AmqpConnector.CreateFactory(broker, "bench-target-probe"), cancellation);
        var missing = new List<string>();
        if (exchange is not null && !await ExchangeExistsAsync(connection, exchange, cancellation))
        {
            missing.Add($"exchange '{exchange}' not found on the broker (NOT_FOUND): no service has declared it; check --exchange");
        }

        var consumers = await QueueProbe.ConsumersAsync(connection, queue, cancellation);
        if (consumers is null)
        {
            missing.Add($"no queue '{queue}' on the broker (NOT_FOUND): is the service running, and on this broker and vhost?");
        }

        if (missing.Count > 0)
        {
            throw new TargetUnreachableException(what + ": " + string.Join("; ", missing));
        }

        return consumers > 0 ? consumers.Value
            : throw new TargetUnreachableException($"{what}: queue '{queue}' has no consumer: is the service running on it?");
    }

    private static async Task<bool> ExchangeExistsAsync(IConnection connection, string exchange, CancellationToken cancellation)
    {
        // A 404 closes the channel, so the check takes its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellation);
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange, cancellation);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    /// <summary>"queue q: 2 consumers, prefetch 64, 64": the broker's view of who serves the target, for the record's notes.</summary>
    public static async Task<string> ConsumersAsync(RunSession session, string queue, uint consumers)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"queue {queue}: {consumers} consumer(s) at the start");
        if (session.PrivateNode is not { } node)
        {
            return text + "; their prefetch is not exposed over AMQP (read it in the management UI or rabbitmqctl list_consumers)";
        }

        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = await node.CtlAsync(["-q", "list_consumers", "queue_name", "prefetch_count"], limit.Token);
            var prefetch = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Where(columns => columns.Length == 2 && columns[0] == queue)
                .Select(columns => columns[1] == "0" ? "unlimited" : columns[1]).ToList();
            return text + (prefetch.Count > 0 ? "; prefetch per consumer (rabbitmqctl list_consumers): " + string.Join(", ", prefetch) : string.Empty);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            return text + "; rabbitmqctl list_consumers did not answer: " + e.Message;
        }
    }
}

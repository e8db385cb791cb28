using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bench.Rpc;

/// <summary>
/// Opens connections the way every Bench component wants them: automatic and topology recovery on (reconnect every
/// second, topology and consumers redeclared), losses logged. <see cref="ConnectionWatch"/> follows the recovery.
/// </summary>
public static class AmqpConnector
{
    public static async Task<IConnection> ConnectAsync(Uri amqpUri, string clientName, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        ArgumentNullException.ThrowIfNull(logger);
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(30),
        };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
            {
                logger.LogWarning("{Client}: connection lost ({Code} {Text}); recovering", clientName, e.ReplyCode, e.ReplyText);
            }

            return Task.CompletedTask;
        };
        connection.ConnectionRecoveryErrorAsync += (_, e) =>
        {
            logger.LogWarning("{Client}: recovery attempt failed: {Error}", clientName, e.Exception.Message);
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>
    /// Closes channels (each once) and the connection, then disposes it. A connection that is already closed or
    /// broken is what shutdown after a lost broker looks like, not an error worth surfacing.
    /// </summary>
    public static async Task CloseAsync(IConnection connection, params IChannel[] channels)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(channels);
        try
        {
            foreach (var channel in channels.Distinct())
            {
                await channel.CloseAsync();
            }

            await connection.CloseAsync();
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException or IOException)
        {
        }

        await connection.DisposeAsync();
    }
}

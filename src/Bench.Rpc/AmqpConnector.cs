using System.Net.Security;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Bench.Rpc;

/// <summary>
/// Opens connections the way every Bench component wants them: automatic and topology recovery on (reconnect every
/// second, topology and consumers redeclared), losses logged. <see cref="ConnectionWatch"/> follows the recovery.
/// Every ConnectionFactory Bench builds comes from <see cref="CreateFactory"/>, so amqps:// is verified alike everywhere.
/// </summary>
public static class AmqpConnector
{
    /// <summary>Connects with TLS trust from BENCH_AMQP_CA_CERT or the system store (for amqps://).</summary>
    public static Task<IConnection> ConnectAsync(Uri amqpUri, string clientName, ILogger logger, CancellationToken cancellationToken = default) =>
        ConnectAsync(amqpUri, clientName, caCertificatePath: null, logger, cancellationToken);

    /// <summary>
    /// Connects; for amqps:// the broker's certificate must chain to <paramref name="caCertificatePath"/> (else
    /// BENCH_AMQP_CA_CERT, else the system store) and name the URI's host. An untrusted broker is an
    /// <see cref="AmqpTlsException"/> with a one-line message.
    /// </summary>
    public static async Task<IConnection> ConnectAsync(Uri amqpUri, string clientName, string? caCertificatePath, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        ArgumentNullException.ThrowIfNull(logger);
        var factory = CreateFactory(amqpUri, clientName, caCertificatePath);
        factory.AutomaticRecoveryEnabled = true;
        factory.TopologyRecoveryEnabled = true;
        factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(1);
        factory.RequestedHeartbeat = TimeSpan.FromSeconds(30);
        // A cluster address (ClusterAddress): the preferred node first, the others after it, in that order on every
        // recovery attempt too, so a connection whose node dies moves to the next live one.
        var connection = ClusterAddress.IsCluster(amqpUri)
            ? await OpenAsync(factory, new OrderedEndpoints([.. ClusterAddress.Nodes(amqpUri).Select(n => new AmqpTcpEndpoint(n.Host, n.Port, factory.Ssl))]), cancellationToken)
            : await OpenAsync(factory, cancellationToken);
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
            logger.LogWarning("{Client}: recovery attempt failed: {Error}", clientName, (AmqpTlsException.Find(e.Exception) ?? e.Exception).Message);
            return Task.CompletedTask;
        };
        return connection;
    }

    /// <summary>
    /// Connects as <see cref="ConnectAsync(Uri, string, string?, ILogger, CancellationToken)"/> does and builds a
    /// component (client, service, worker) on the connection; when building fails, the connection is closed before the
    /// error goes on, so a component that never started leaves no connection behind.
    /// </summary>
    public static async Task<T> ConnectAsync<T>(Uri amqpUri, string clientName, string? caCertificatePath, ILogger logger, Func<IConnection, Task<T>> build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var connection = await ConnectAsync(amqpUri, clientName, caCertificatePath, logger, cancellationToken);
        try
        {
            return await build(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A factory for <paramref name="amqpUri"/> with no recovery (probes, drains, tests). amqps:// turns TLS on (the client
    /// library does that from the scheme, with ServerName = the URI's host); Bench then replaces the library's default
    /// check, which accepts a certificate for another name, with <see cref="AmqpTls"/>'s: chain to the CA file (or
    /// BENCH_AMQP_CA_CERT, or the system store) and name check. A CA file that cannot be read fails here.
    /// </summary>
    public static ConnectionFactory CreateFactory(Uri amqpUri, string clientName, string? caCertificatePath = null)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        var factory = new ConnectionFactory { Uri = ClusterAddress.Plain(amqpUri), ClientProvidedName = clientName };
        if (factory.Ssl.Enabled)
        {
            factory.Ssl.AcceptablePolicyErrors = SslPolicyErrors.None;
            factory.Ssl.CertificateValidationCallback = AmqpTls.CreateValidator(factory.Ssl.ServerName, AmqpTls.ResolveCaCertificatePath(caCertificatePath));
        }

        return factory;
    }

    /// <summary>Opens a connection from a factory; a refused TLS handshake surfaces as its <see cref="AmqpTlsException"/>, not the library's wrapper.</summary>
    public static async Task<IConnection> OpenAsync(ConnectionFactory factory, CancellationToken cancellationToken = default) =>
        await OpenAsync(factory, null, cancellationToken);

    private static async Task<IConnection> OpenAsync(ConnectionFactory factory, IEndpointResolver? endpoints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        try
        {
            return endpoints is null
                ? await factory.CreateConnectionAsync(cancellationToken)
                : await factory.CreateConnectionAsync(endpoints, factory.ClientProvidedName, cancellationToken);
        }
        catch (BrokerUnreachableException e) when (AmqpTlsException.Find(e) is { } tls)
        {
            throw new AmqpTlsException(tls.Message, e);
        }
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

    // The library's default resolver shuffles the list; Bench keeps its order, so --connect decides where a process goes.
    private sealed class OrderedEndpoints(IReadOnlyList<AmqpTcpEndpoint> endpoints) : IEndpointResolver
    {
        public IEnumerable<AmqpTcpEndpoint> All() => endpoints;
    }
}

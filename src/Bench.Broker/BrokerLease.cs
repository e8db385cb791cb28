namespace Bench.Broker;

/// <summary>
/// The broker a command or test uses: an external one named by --amqp or BENCH_AMQP_URI, or else a private node
/// started for it and stopped on dispose. Only the private case owns anything.
/// </summary>
public sealed class BrokerLease : IAsyncDisposable
{
    public const string EnvironmentVariable = "BENCH_AMQP_URI";

    private BrokerLease(AmqpUri uri, PrivateBroker? privateBroker, PrivateCluster? cluster = null)
    {
        Uri = uri;
        PrivateBroker = privateBroker;
        Cluster = cluster;
    }

    /// <summary>The address to use: the external one, else the private node's (its amqps:// one when started with <see cref="PrivateBrokerOptions.Tls"/>).</summary>
    public AmqpUri Uri { get; }

    /// <summary>The private node's CA certificate to trust for <see cref="Uri"/>, or null (plain, or external: the caller's own --ca-cert).</summary>
    public string? CaCertificatePath => Uri.IsTls ? PrivateBroker?.CaCertificatePath : null;

    /// <summary>The private node (a cluster's first node), or null when the broker is external.</summary>
    public PrivateBroker? PrivateBroker { get; }

    /// <summary>The private cluster when more than one node was asked for, else null.</summary>
    public PrivateCluster? Cluster { get; }

    public bool IsPrivate => PrivateBroker is not null;

    /// <summary>
    /// --amqp wins, then BENCH_AMQP_URI, then a private node. Throws <see cref="FormatException"/> for a bad URI and
    /// <see cref="BrokerUnavailableException"/> when neither a URI nor rabbitmq-server is there.
    /// </summary>
    public static async Task<BrokerLease> AcquireAsync(string? amqpUri, PrivateBrokerOptions? options = null, CancellationToken cancellationToken = default) =>
        await AcquireAsync(amqpUri, 1, options, cancellationToken);

    /// <summary>As above; a private broker of <paramref name="nodes"/> nodes is a <see cref="PrivateCluster"/> (its address lists every node).</summary>
    public static async Task<BrokerLease> AcquireAsync(string? amqpUri, int nodes, PrivateBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = amqpUri ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            return new BrokerLease(AmqpUri.Parse(text), null);
        }

        if (nodes > 1)
        {
            var cluster = await PrivateCluster.StartAsync(nodes, options, cancellationToken: cancellationToken);
            return new BrokerLease(cluster.Uri, cluster.Nodes[0], cluster);
        }

        var broker = await PrivateBroker.StartAsync(options, cancellationToken);
        return new BrokerLease(broker.TlsUri ?? broker.Uri, broker);
    }

    public ValueTask DisposeAsync() => Cluster?.DisposeAsync() ?? PrivateBroker?.DisposeAsync() ?? ValueTask.CompletedTask;
}

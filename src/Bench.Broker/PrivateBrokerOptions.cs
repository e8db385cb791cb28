namespace Bench.Broker;

/// <summary>How to start a private node. Defaults suit tests and benchmark runs on loopback.</summary>
public sealed record PrivateBrokerOptions
{
    /// <summary>The rabbitmq-server start script. BENCH_RABBITMQ_SERVER overrides the Debian path.</summary>
    public string ServerPath { get; init; } = Environment.GetEnvironmentVariable("BENCH_RABBITMQ_SERVER") ?? "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>AMQP port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Enables rabbitmq_management (the HTTP API) on a free port, for people inspecting queues.</summary>
    public bool Management { get; init; }

    /// <summary>
    /// Enables rabbitmq_prometheus on a free loopback port (<see cref="PrivateBroker.MetricsUri"/>): the broker's own view
    /// of a run (queue depth, consumer utilisation, rates, alarms), scraped once a second by Bench's broker sampler.
    /// </summary>
    public bool Prometheus { get; init; }

    /// <summary>How long the node may take to accept AMQP. It takes about 5 s on the project's machines.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Extra lines for rabbitmq.conf (sysctl format).</summary>
    public IReadOnlyList<string> ConfigLines { get; init; } = [];

    /// <summary>
    /// Also listen for amqps:// on a free loopback port, with a throwaway CA and a server certificate for 127.0.0.1 and
    /// localhost made by openssl in the node's directory (<see cref="PrivateBroker.TlsUri"/>, <see cref="PrivateBroker.CaCertificatePath"/>).
    /// The plain listener stays, so one node serves both and plain and TLS can be compared on it.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>Where the node's directory goes; the system temp folder by default.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// The HOME (hence the Erlang cookie) of the node and of every rabbitmqctl call to it: null for the node's own
    /// directory (a private cookie), a cluster's shared directory for a cluster node.
    /// </summary>
    public string? Home { get; init; }
}

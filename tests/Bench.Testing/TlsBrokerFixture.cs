using Bench.Broker;
using Xunit;

namespace Bench.Testing;

/// <summary>
/// A private node with an amqps listener as well as the plain one (<see cref="PrivateBrokerOptions.Tls"/>), for the
/// test classes that need TLS (a class fixture: only they pay for a second node). Always private, even when
/// BENCH_AMQP_URI names an external broker: only a node Bench made has a CA the tests can trust.
/// </summary>
public sealed class TlsBrokerFixture : IAsyncLifetime
{
    private PrivateBroker? _node;

    public PrivateBroker Node => _node ?? throw new InvalidOperationException("broker not started");

    /// <summary>amqps://guest:guest@127.0.0.1:port/</summary>
    public AmqpUri TlsUri => Node.TlsUri!;

    /// <summary>The node's throwaway CA (PEM).</summary>
    public string CaCertificatePath => Node.CaCertificatePath!;

    public async ValueTask InitializeAsync() => _node = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Tls = true });

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

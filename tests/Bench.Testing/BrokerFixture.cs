using Bench.Broker;
using Xunit;

namespace Bench.Testing;

/// <summary>
/// One RabbitMQ broker per test assembly: a private node started here, or the one BENCH_AMQP_URI names.
/// A missing rabbitmq-server fails the run (never a silent skip): CI must prove the real thing.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private BrokerLease? _lease;

    public AmqpUri Uri => _lease?.Uri ?? throw new InvalidOperationException("broker not started");

    /// <summary>The private node, or null when tests run against an external broker.</summary>
    public PrivateBroker? Node => _lease?.PrivateBroker;

    /// <summary>A name no other test uses, so test classes can run in parallel on one broker.</summary>
    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public async ValueTask InitializeAsync() => _lease = await BrokerLease.AcquireAsync(null);

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }
    }
}

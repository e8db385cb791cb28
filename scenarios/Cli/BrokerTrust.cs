using Bench.Broker;
using Bench.Rpc;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `--ca-cert FILE`: the CA an amqps:// broker must chain to, checked before anything connects (a missing or empty file
/// is one line and exit 2), and put in BENCH_AMQP_CA_CERT, where every connection of this process and of the workers
/// it starts looks (AmqpTls); without it, amqps:// brokers are checked against the system store.
/// </summary>
internal static class BrokerTrust
{
    public static void Use(string? caCertificate)
    {
        if (caCertificate is null)
        {
            return;
        }

        try
        {
            AmqpTls.LoadCaCertificates(caCertificate);
        }
        catch (AmqpTlsException e)
        {
            throw new UsageException("--ca-cert: " + e.Message);
        }

        Environment.SetEnvironmentVariable(AmqpTls.CaCertificateVariable, Path.GetFullPath(caCertificate));
    }
}

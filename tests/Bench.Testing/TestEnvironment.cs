using Bench.Reporting;

namespace Bench.Testing;

/// <summary>The fixed environment synthetic results carry (golden files are written from it: change it, change them).</summary>
public static class TestEnvironment
{
    public static EnvironmentRecord Record { get; } = new()
    {
        GitSha = "0123456789abcdef0123456789abcdef01234567",
        DotNet = ".NET 10.0",
        Os = "Debian 12",
        CpuModel = "Test CPU",
        Cores = 2,
        MachineName = "test",
        BrokerVersion = "3.10.8",
        Broker = "amqp://127.0.0.1:5672/",
        PrivateBroker = true,
    };
}

using System.Net;
using System.Net.Sockets;

namespace Bench.Broker.Tests;

/// <summary>Private nodes: side by side, cleaned up, and failing with their log when they cannot start.</summary>
public sealed class PrivateBrokerTests
{
    [Fact]
    public async Task Two_private_nodes_run_side_by_side_and_leave_nothing_behind()
    {
        await using var a = await PrivateBroker.StartAsync();
        await using var b = await PrivateBroker.StartAsync();

        Assert.NotEqual(a.Port, b.Port);
        Assert.NotEqual(a.NodeName, b.NodeName);
        Assert.True(a.IsRunning && b.IsRunning);
        Assert.StartsWith("3.", a.Version, StringComparison.Ordinal);
        Assert.Contains("amqp://guest:***@127.0.0.1:", a.Uri.ToString(), StringComparison.Ordinal);

        var directory = a.Directory;
        await a.DisposeAsync();

        Assert.False(a.IsRunning);
        Assert.False(Directory.Exists(directory));
        Assert.True(b.IsRunning);
    }

    [Fact]
    public async Task A_node_that_cannot_start_fails_with_its_log_tail()
    {
        // Hold the port the node is told to use: it fails to listen, and says so in its log.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<BrokerStartException>(() => PrivateBroker.StartAsync(new PrivateBrokerOptions { Port = port, StartTimeout = TimeSpan.FromSeconds(60) }));

        Assert.Contains("eaddrinuse", error.LogTail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--- broker log tail ---", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_rabbitmq_server_names_the_fix()
    {
        var error = await Assert.ThrowsAsync<BrokerUnavailableException>(() => PrivateBroker.StartAsync(new PrivateBrokerOptions { ServerPath = "/nonexistent/rabbitmq-server" }));

        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("--amqp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_uri_is_used_instead_of_a_private_node()
    {
        await using var lease = await BrokerLease.AcquireAsync("amqp://user:pw@broker.invalid:5672/");

        Assert.False(lease.IsPrivate);
        Assert.Equal("amqp://user:***@broker.invalid:5672/", lease.Uri.ToString());
    }
}

using System.Net;
using System.Net.Sockets;

namespace Bench.Broker.Tests;

/// <summary>A cluster whose node cannot start fails with a clear message naming it, and leaves nothing running or on disk.</summary>
public sealed class PrivateClusterTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("bench-cluster-test-").FullName;

    public void Dispose() => Directory.Delete(_base, recursive: true);

    [Fact]
    public async Task A_node_whose_port_is_taken_fails_the_cluster_start_and_nothing_is_left_running()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var e = await Assert.ThrowsAsync<BrokerStartException>(() =>
            PrivateCluster.StartAsync(3, new PrivateBrokerOptions { BaseDirectory = _base, StartTimeout = TimeSpan.FromSeconds(60) }, [0, port, 0]));

        Assert.StartsWith("cluster node 2 of 3 did not start:", e.Message, StringComparison.Ordinal);
        Assert.Contains("eaddrinuse", e.LogTail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_base));
        // The nodes are gone at once; each node's watchdog notices its directory is gone within its 1 s poll.
        for (var i = 0; i < 50 && ProcessesUnder(_base) > 0; i++)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, ProcessesUnder(_base));
    }

    // Processes whose command line names the base directory: the nodes and watchdogs this test started.
    private static int ProcessesUnder(string directory) =>
        Directory.EnumerateDirectories("/proc").Count(p =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(p, "cmdline")).Contains(directory, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
}

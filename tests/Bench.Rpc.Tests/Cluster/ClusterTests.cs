using Bench.Broker;
using Bench.Rpc.Server;

namespace Bench.Rpc.Tests.Cluster;

/// <summary>
/// A private three-node cluster, for real: it forms (every node running, one cluster name), serves oslo calls through
/// every node (a client on each node calling a service on each node), and records where each connection is.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private PrivateCluster? _cluster;

    private PrivateCluster Cluster => _cluster ?? throw new InvalidOperationException("cluster not started");

    public async ValueTask InitializeAsync() => _cluster = await PrivateCluster.StartAsync(3);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_cluster_forms_and_serves_calls_through_every_node()
    {
        var running = await Cluster.RunningNodesAsync(Cluster.Nodes[2]);
        Assert.Equal(Cluster.Nodes.Select(n => n.NodeName).Order(), running.Order());

        var topic = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var services = new List<Service>();
        var clients = new List<RpcClient>();
        try
        {
            // One service per node (each its own server), one client per node; every client calls every service.
            for (var i = 0; i < 3; i++)
            {
                services.Add(await Service.StartAsync(ClusterAddress.Prefer(Cluster.Uri.Uri, i), new TestManager(),
                    new ServiceOptions { Topic = topic, Host = "s" + i, QueueKind = QueueKind.Quorum, ShutdownTimeout = TimeSpan.FromSeconds(20) }));
                clients.Add(await RpcClient.ConnectAsync(ClusterAddress.Prefer(Cluster.Uri.Uri, i),
                    new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20), ClientName = "cluster-client-" + i }));
            }

            var answers = 0;
            foreach (var client in clients)
            {
                for (var s = 0; s < 3; s++)
                {
                    answers += await client.CallAsync<long>(new Target(topic).WithServer("s" + s), "add", RpcArgs.From(new { x = s, y = 1 })) == s + 1 ? 1 : 0;
                }
            }

            Assert.Equal(9, answers);
            var placement = await Cluster.ConnectionNodesAsync();
            Assert.Equal(Cluster.Nodes.Select(n => n.NodeName), Enumerable.Range(0, 3).Select(i => placement["cluster-client-" + i]));
            var (leader, members) = await Cluster.QueueNodesAsync(topic);
            Assert.Equal(Cluster.Nodes[0].NodeName, leader); // declared first by the service on node 1
            Assert.Equal(3, members.Count);
        }
        finally
        {
            foreach (var owned in clients.Cast<IAsyncDisposable>().Concat(services))
            {
                await owned.DisposeAsync();
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;

using Bench.Rpc;

namespace Bench.Broker;

/// <summary>
/// A RabbitMQ cluster of Bench's own: N <see cref="PrivateBroker"/> nodes on loopback, each with its own ports and data
/// directory, sharing one Erlang cookie (one HOME in the cluster's directory, for every node and every rabbitmqctl
/// call), joined to the first with rabbitmqctl join_cluster. Torn down like a single node (dispose, process exit,
/// each node's watchdog); a node that fails to start or join fails the whole start with its log tail and leaves
/// nothing running.
/// </summary>
public sealed partial class PrivateCluster : IAsyncDisposable
{
    private int _stopped;

    private PrivateCluster(string directory, string name, IReadOnlyList<PrivateBroker> nodes)
    {
        Directory = directory;
        Name = name;
        Nodes = nodes;
        Uri = AmqpUri.Parse(ClusterAddress.Create(nodes[0].Uri.Uri, nodes.Select(n => (n.Uri.Host, n.Port))).OriginalString);
    }

    /// <summary>The nodes, in cluster order (the first is the one the others joined).</summary>
    public IReadOnlyList<PrivateBroker> Nodes { get; }

    /// <summary>The cluster's name (set_cluster_name), unique per start.</summary>
    public string Name { get; }

    /// <summary>The first node's address listing every node (<see cref="ClusterAddress"/>): connections fall over along the list.</summary>
    public AmqpUri Uri { get; }

    /// <summary>Holds the shared HOME (the cookie) and every node's directory; deleted on stop.</summary>
    public string Directory { get; }

    public string Version => Nodes[0].Version;

    /// <summary>The node named <paramref name="nodeName"/> (as the broker reports it, e.g. a queue's leader).</summary>
    public PrivateBroker Node(string nodeName) => Nodes.FirstOrDefault(n => n.NodeName == nodeName)
        ?? throw new InvalidOperationException($"{nodeName} is not a node of cluster {Name}");

    /// <summary>
    /// Starts <paramref name="nodes"/> nodes at once and clusters them. <paramref name="ports"/> fixes AMQP ports (0 or
    /// absent: a free one). Fails with <see cref="BrokerStartException"/> naming the node, with its log tail.
    /// </summary>
    public static async Task<PrivateCluster> StartAsync(int nodes, PrivateBrokerOptions? options = null, IReadOnlyList<int>? ports = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 2);
        options ??= new PrivateBrokerOptions();

        var id = Guid.NewGuid().ToString("N")[..10];
        var directory = Path.Combine(options.BaseDirectory ?? Path.GetTempPath(), "bench-cluster-" + id);
        System.IO.Directory.CreateDirectory(directory);
        WriteCookie(directory);
        var nodeOptions = options with { Home = directory, BaseDirectory = directory, Tls = false };
        var starting = Enumerable.Range(0, nodes)
            .Select(i => PrivateBroker.StartAsync(nodeOptions with { Port = ports is not null && i < ports.Count ? ports[i] : 0 }, cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            await StopAsync([.. starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)], directory);
            var failed = starting.Select((t, i) => (t, i)).First(x => x.t.IsFaulted || x.t.IsCanceled);
            cancellationToken.ThrowIfCancellationRequested();
            throw failed.t.Exception!.InnerException is BrokerStartException e
                ? new BrokerStartException(string.Create(CultureInfo.InvariantCulture, $"cluster node {failed.i + 1} of {nodes} did not start: {e.Message.Split('\n')[0].Trim()}"), e.LogTail)
                : failed.t.Exception.InnerException!;
        }

        var started = starting.Select(t => t.Result).ToList();
        var name = "bench-cluster-" + id;
        try
        {
            await JoinAsync(started, cancellationToken);
            await started[0].CtlAsync(["set_cluster_name", name], cancellationToken);
            return new PrivateCluster(directory, name, started);
        }
        catch
        {
            await StopAsync(started, directory);
            throw;
        }
    }

    /// <summary>The nodes the broker reports running (cluster_status), asked of <paramref name="via"/> (the first node by default).</summary>
    public async Task<IReadOnlyList<string>> RunningNodesAsync(PrivateBroker? via = null, CancellationToken cancellationToken = default)
    {
        var json = await (via ?? Nodes[0]).CtlAsync(["cluster_status", "--formatter", "json"], cancellationToken);
        using var document = JsonDocument.Parse(JsonPart(json));
        return [.. document.RootElement.GetProperty("running_nodes").EnumerateArray().Select(n => n.GetString()!)];
    }

    /// <summary>
    /// Where <paramref name="queue"/> lives: a quorum queue's leader and members, or the node holding a classic one
    /// (members empty). Asked of the first node that answers, so it works while another node is down.
    /// </summary>
    public async Task<(string? Leader, IReadOnlyList<string> Members)> QueueNodesAsync(string queue, CancellationToken cancellationToken = default)
    {
        using (var all = JsonDocument.Parse(JsonPart(await CtlOnAnyAsync(["list_queues", "name", "type", "leader", "members", "--formatter", "json"], cancellationToken))))
        {
            foreach (var q in all.RootElement.EnumerateArray().Where(q => q.GetProperty("name").GetString() == queue))
            {
                if (q.GetProperty("type").GetString() == "quorum")
                {
                    return (q.GetProperty("leader").GetString(), [.. q.GetProperty("members").EnumerateArray().Select(m => m.GetString()!)]);
                }
            }
        }

        // A classic queue reports no leader: it lives on the node whose local listing has it.
        foreach (var node in Nodes)
        {
            try
            {
                using var local = JsonDocument.Parse(JsonPart(await node.CtlAsync(["list_queues", "--local", "name", "--formatter", "json"], cancellationToken)));
                if (local.RootElement.EnumerateArray().Any(q => q.GetProperty("name").GetString() == queue))
                {
                    return (node.NodeName, []);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or JsonException)
            {
            }
        }

        return (null, []);
    }

    /// <summary>Every client connection's provided name → the node it is on (by the node's AMQP port in the connection's name).</summary>
    public async Task<SortedDictionary<string, string>> ConnectionNodesAsync(CancellationToken cancellationToken = default)
    {
        var byPort = Nodes.ToDictionary(n => n.Port.ToString(CultureInfo.InvariantCulture), n => n.NodeName);
        var placement = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var all = JsonDocument.Parse(JsonPart(await CtlOnAnyAsync(["list_connections", "name", "client_properties", "--formatter", "json"], cancellationToken)));
        foreach (var c in all.RootElement.EnumerateArray())
        {
            // name is "peer-host:peer-port -> node-host:node-port"; the client's name is among its properties.
            var name = c.GetProperty("name").GetString() ?? string.Empty;
            var port = name[(name.LastIndexOf(':') + 1)..];
            var properties = c.GetProperty("client_properties").GetRawText();
            var client = ConnectionName().Match(properties) is { Success: true } m ? m.Groups[1].Value : name;
            placement[client] = byPort.GetValueOrDefault(port, name);
        }

        return placement;
    }

    // rabbitmqctl renders client_properties as [key, type, value] triples (or, on other versions, an object).
    [System.Text.RegularExpressions.GeneratedRegex("\"connection_name\"\\s*(?:,\\s*\"longstr\"\\s*,|:)\\s*\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ConnectionName();

    // CtlAsync returns stderr after stdout: a warning there is not JSON.
    private static string JsonPart(string output)
    {
        var start = output.IndexOfAny(['[', '{']);
        var end = output.LastIndexOfAny([']', '}']);
        return start >= 0 && end > start ? output[start..(end + 1)] : output;
    }

    // rabbitmqctl on the first node that answers (a node killed or stopped by a fault does not).
    private async Task<string> CtlOnAnyAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            try
            {
                return await node.CtlAsync(arguments, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                last = e;
            }
        }

        throw new InvalidOperationException($"no node of cluster {Name} answered rabbitmqctl: {last?.Message.Split('\n')[0]}", last);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await StopAsync(Nodes, Directory);
        }
    }

    // One at a time: joins racing on the first node's schema are what RabbitMQ's docs warn against.
    private static async Task JoinAsync(List<PrivateBroker> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes.Skip(1))
        {
            try
            {
                await node.CtlAsync(["stop_app"], cancellationToken);
                await node.CtlAsync(["join_cluster", nodes[0].NodeName], cancellationToken);
                await node.CtlAsync(["start_app"], cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                throw new BrokerStartException($"cluster node {node.NodeName} could not join {nodes[0].NodeName}: {e.Message.Split('\n')[0].Trim()}", node.LogTail(20));
            }
        }
    }

    private static void WriteCookie(string home)
    {
        // Written before any node starts: nodes started at once would otherwise each create a different one.
        var path = Path.Combine(home, ".erlang.cookie");
        File.WriteAllText(path, Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead); // Erlang refuses a cookie others can read
        }
    }

    private static async Task StopAsync(IReadOnlyList<PrivateBroker> nodes, string directory)
    {
        await Task.WhenAll(nodes.Select(n => n.DisposeAsync().AsTask()));
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A node's file still held open; the last node's watchdog removes the directory.
        }
    }
}

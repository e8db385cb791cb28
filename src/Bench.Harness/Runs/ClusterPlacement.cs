using System.Globalization;
using Bench.Broker;
using Bench.Reporting;
using Bench.Rpc.Server;

namespace Bench.Harness.Runs;

/// <summary>
/// What a scenario on a private cluster records about it, read from the broker: the queue's leader and members and
/// each connection's node as measurement begins, and each connection's node at the end (recovery may have moved it).
/// </summary>
public static class ClusterPlacement
{
    public static async Task<ClusterRecord> ReadAsync(PrivateCluster cluster, string queue, QueueKind queueType, CancellationToken cancellation)
    {
        var (leader, members) = await cluster.QueueNodesAsync(queue, cancellation);
        return new ClusterRecord
        {
            Name = cluster.Name,
            Nodes = [.. cluster.Nodes.Select(n => n.NodeName)],
            Queue = queue,
            QueueType = queueType == QueueKind.Quorum ? "quorum" : "classic",
            Leader = leader,
            Members = [.. members],
            PlacementAtStart = await cluster.ConnectionNodesAsync(cancellation),
        };
    }

    /// <summary>The record with the end placement, and notes saying where things were and what moved.</summary>
    public static async Task<ClusterRecord> WithEndAsync(PrivateCluster cluster, ClusterRecord atStart, List<string> notes)
    {
        SortedDictionary<string, string> atEnd;
        try
        {
            atEnd = await cluster.ConnectionNodesAsync(CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            notes.Add("cluster: the connections' nodes at the end could not be read: " + e.Message.Split('\n')[0]);
            atEnd = [];
        }

        string Short(string? node) => node is null ? "?" : "node" + (atStart.Nodes.IndexOf(node) + 1).ToString(CultureInfo.InvariantCulture);
        var members = atStart.Members.Count > 0 ? ", members " + string.Join(", ", atStart.Members.Select(Short)) : string.Empty;
        var placed = string.Join(", ", atStart.PlacementAtStart.Select(p => p.Key + "→" + Short(p.Value)));
        notes.Add($"cluster {atStart.Name} of {atStart.Nodes.Count.ToString(CultureInfo.InvariantCulture)} nodes: queue {atStart.Queue} ({atStart.QueueType}) on {Short(atStart.Leader)}{members}; connections at start: {placed}");
        var moved = atStart.PlacementAtStart.Where(p => atEnd.TryGetValue(p.Key, out var end) && end != p.Value).Select(p => $"{p.Key} {Short(p.Value)}→{Short(atEnd[p.Key])}").ToList();
        if (moved.Count > 0)
        {
            notes.Add("cluster: recovery moved " + string.Join(", ", moved));
        }

        if (atStart.QueueType == "quorum" && atStart.Members.Count < atStart.Nodes.Count)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"⚠ quorum queue {atStart.Queue} has {atStart.Members.Count} members on {atStart.Nodes.Count} nodes"));
        }

        return atStart with { PlacementAtEnd = atEnd };
    }
}

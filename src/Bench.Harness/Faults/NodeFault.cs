using System.Globalization;
using Bench.Broker;
using Bench.Reporting;

namespace Bench.Harness.Faults;

/// <summary>
/// Which node of a cluster a node-kill or node-stop hits, from what the broker said as measurement began: the leader
/// of the scenario's queue (the node holding it, for a classic queue), or a follower — a member that is not the leader
/// (any other node, for a classic queue), the one with the fewest of the scenario's connections, so the fault
/// measures the queue losing a replica rather than clients losing their node.
/// </summary>
public static class NodeFault
{
    public static (PrivateBroker Node, string Description) Choose(PrivateCluster cluster, ClusterRecord atStart, string target)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(atStart);
        var leader = atStart.Leader ?? throw new InvalidOperationException($"the broker did not say where queue {atStart.Queue} lives");
        string chosen;
        if (target == FaultSpec.Leader)
        {
            chosen = leader;
        }
        else
        {
            var candidates = (atStart.Members.Count > 0 ? atStart.Members : atStart.Nodes).Where(n => n != leader).ToList();
            chosen = candidates.OrderBy(n => atStart.PlacementAtStart.Count(p => p.Value == n)).ThenBy(atStart.Nodes.IndexOf).FirstOrDefault()
                ?? throw new InvalidOperationException($"queue {atStart.Queue} has no follower to hit");
        }

        var hosted = atStart.PlacementAtStart.Where(p => p.Value == chosen).Select(p => p.Key).ToList();
        var description = string.Create(CultureInfo.InvariantCulture,
            $"node{atStart.Nodes.IndexOf(chosen) + 1} ({chosen}), {(chosen == leader ? "leader" : "a follower")} of {atStart.Queue}; its connections: {(hosted.Count == 0 ? "none of the scenario's" : string.Join(", ", hosted))}");
        return (cluster.Node(chosen), description);
    }
}

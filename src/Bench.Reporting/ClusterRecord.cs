namespace Bench.Reporting;

/// <summary>
/// The cluster a scenario ran on, as the broker reported it: its nodes, the scenario's queue with its leader and
/// replicas, and which node each of the scenario's connections was on when measurement began and when it ended (after
/// any recovery moved it). Node names are Bench's private node names.
/// </summary>
public sealed record ClusterRecord
{
    public required string Name { get; init; }

    /// <summary>Every node, in cluster order (node1 is the one the others joined).</summary>
    public required List<string> Nodes { get; init; }

    /// <summary>The queue the scenario's requests go to (the workers' topic queue).</summary>
    public required string Queue { get; init; }

    public required string QueueType { get; init; }

    /// <summary>The node leading the queue (quorum) or holding it (classic) when measurement began.</summary>
    public string? Leader { get; init; }

    /// <summary>A quorum queue's members (its initial group); empty for a classic queue.</summary>
    public List<string> Members { get; init; } = [];

    /// <summary>Connection (client-provided name) → node, read from the broker as measurement began.</summary>
    public SortedDictionary<string, string> PlacementAtStart { get; init; } = [];

    /// <summary>The same at the end: a connection recovery moved is on another node here.</summary>
    public SortedDictionary<string, string> PlacementAtEnd { get; init; } = [];
}

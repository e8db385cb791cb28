namespace Bench.Rpc.Server;

/// <summary>The type of the topic queues (oslo rabbit_quorum_queue); reply and fanout queues stay classic.</summary>
public enum QueueKind
{
    Classic,
    Quorum,
}

namespace Bench.Rpc.Server;

/// <summary>What the service does with one delivery once it has read it.</summary>
internal enum WorkKind : byte
{
    Drop,
    Dispatch,
    FailureReply,
    DeadLetter,
}

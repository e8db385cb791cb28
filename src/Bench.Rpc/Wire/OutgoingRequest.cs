namespace Bench.Rpc.Wire;

/// <summary>Everything one request body holds, gathered so the writer takes a single argument.</summary>
internal readonly ref struct OutgoingRequest
{
    public required string Method { get; init; }

    public required ReadOnlySpan<byte> Args { get; init; }

    public string? Namespace { get; init; }

    public string? Version { get; init; }

    /// <summary>32 hex bytes for a call; empty for a cast.</summary>
    public ReadOnlySpan<byte> MessageId { get; init; }

    public string? ReplyQueue { get; init; }

    /// <summary>_timeout: the call-monitor timeout in seconds, asking the server for ending:false heartbeats; null otherwise.</summary>
    public int? CallMonitorTimeout { get; init; }

    public required ReadOnlySpan<byte> UniqueId { get; init; }

    public RequestContext? Context { get; init; }

    /// <summary>Extra inner keys written raw after the context (a cast's send timestamp for one-way latency).</summary>
    public ReadOnlySpan<byte> ExtraMembers { get; init; }
}

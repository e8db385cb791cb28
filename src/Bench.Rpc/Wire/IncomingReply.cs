namespace Bench.Rpc.Wire;

/// <summary>A parsed reply, as spans into the (unwrapped) body.</summary>
internal ref struct IncomingReply
{
    public ReadOnlySpan<byte> MessageId;
    public ReadOnlySpan<byte> Result;
    /// <summary>The failure member's JSON string token, still escaped; empty when failure is null.</summary>
    public ReadOnlySpan<byte> Failure;
    public bool Ending;
    /// <summary>The reply carried _bench_hops and they were read into the caller's span.</summary>
    public bool HasHops;
}

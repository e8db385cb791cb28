namespace Bench.Rpc.Wire;

/// <summary>
/// A parsed request, as spans into the delivered body (valid only inside the delivery handler).
/// <see cref="Error"/> is set when the message is unusable; <see cref="MessageId"/> and <see cref="ReplyQueue"/> may
/// still be set then, so the caller gets a failure reply instead of a timeout.
/// </summary>
internal ref struct IncomingRequest
{
    public ReadOnlySpan<byte> Method;
    public string? EscapedMethod;
    public ReadOnlySpan<byte> Args;
    public string? Namespace;
    public string? Version;
    public ReadOnlySpan<byte> MessageId;
    public ReadOnlySpan<byte> ReplyQueue;
    public int? CallMonitorTimeout;
    public ReadOnlySpan<byte> UniqueId;
    public bool HasContext;
    public long SentTimestamp;
    public string? Error;

    public readonly bool IsCall => !MessageId.IsEmpty && !ReplyQueue.IsEmpty;
}

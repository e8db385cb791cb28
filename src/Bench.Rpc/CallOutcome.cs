namespace Bench.Rpc;

/// <summary>How a call ended. Every call ends in exactly one of these.</summary>
public enum CallOutcome : byte
{
    Ok,
    /// <summary>The server answered with a failure (a <see cref="RemoteError"/>).</summary>
    RemoteError,
    /// <summary>No final reply within the timeout.</summary>
    TimedOut,
    /// <summary>The request could not be sent (connection lost, channel closed).</summary>
    TransportError,
    /// <summary>The caller's token was cancelled first.</summary>
    Canceled,
}

namespace Bench.Rpc;

/// <summary>No reply within the call's timeout (oslo's MessagingTimeout).</summary>
public sealed class RpcTimeoutException(string message) : TimeoutException(message);

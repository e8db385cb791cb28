namespace Bench.Rpc.Server;

/// <summary>When a request is acknowledged.</summary>
public enum AckMode
{
    /// <summary>On receipt, before dispatch (oslo's at-most-once): a crash loses the call and its caller times out.</summary>
    OnReceipt,

    /// <summary>After the reply is sent: unacked requests are bounded by prefetch and redelivered if the worker dies.</summary>
    AfterHandling,
}

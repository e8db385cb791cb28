namespace Bench.Rpc.Server;

/// <summary>
/// What a <see cref="WorkItem"/> knows of its current request: what to do with it, how to answer, the bound call and
/// the hop stamps. One value, so returning the item to its pool clears all of it in one assignment and none is
/// left over for the next request.
/// </summary>
internal struct WorkState
{
    public WorkKind Kind;

    public ulong DeliveryTag;

    public bool IsCall;

    public int? CallMonitorTimeout;

    public RemoteError? Error;

    public string? Reason;

    /// <summary>The bound call, ready to invoke once any rate limit allows.</summary>
    public Dispatch.MethodInvoker? Invoker;

    public Dispatch.ArgFrame? Frame;

    public RequestContext? Context;

    /// <summary>With a handler timeout: the handler's own token source (cancelled at the timeout or at shutdown).</summary>
    public CancellationTokenSource? Deadline;

    /// <summary>A stamped call's client send time (Stopwatch ticks; 0 when the call was not stamped).</summary>
    public long Sent;

    /// <summary>Stopwatch ticks when the delivery reached the service, before any wait for a handler slot.</summary>
    public long Received;

    public long HandlerStarted;

    public long HandlerEnded;
}

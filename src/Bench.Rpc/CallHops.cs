namespace Bench.Rpc;

/// <summary>
/// The six Stopwatch timestamps of one stamped call (<see cref="RpcClientOptions.StampHops"/>): taken on one monotonic
/// clock, so the differences are only meaningful when client and worker share a host. A plain value: observing it
/// allocates nothing.
/// </summary>
public readonly record struct CallHops(long ClientSent, long WorkerReceived, long HandlerStarted, long HandlerEnded, long ReplySent, long ClientReceived)
{
    /// <summary>The hops' names, in order; each is the time from one stamp to the next.</summary>
    public static IReadOnlyList<string> Names { get; } = ["to worker", "waiting in worker", "handler", "writing reply", "reply to client"];

    /// <summary>Ticks spent in hop <paramref name="index"/> (see <see cref="Names"/>).</summary>
    public long Ticks(int index) => index switch
    {
        0 => WorkerReceived - ClientSent,
        1 => HandlerStarted - WorkerReceived,
        2 => HandlerEnded - HandlerStarted,
        3 => ReplySent - HandlerEnded,
        4 => ClientReceived - ReplySent,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}

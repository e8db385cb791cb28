using System.Threading.Tasks.Sources;

namespace Bench.Rpc.Client;

/// <summary>
/// A reusable awaitable for one outstanding call (built on ManualResetValueTaskSourceCore): no Task or
/// TaskCompletionSource per call. A stamp holds the generation and state together, so a late reply or timeout
/// for an earlier use of this slot can never complete the current one.
/// </summary>
internal sealed class PendingCall(PendingCalls owner, int index) : IValueTaskSource<CallResult>
{
    private const long Free = 0;
    private const long Armed = 1;
    private const long Done = 2;

    // Continuations never run on the consumer's dispatch loop: user code there would stall every other reply.
    private ManualResetValueTaskSourceCore<CallResult> _core = new() { RunContinuationsAsynchronously = true };
    private long _stamp;
    private CancellationTokenRegistration _cancellation;

    public int Index { get; } = index;

    /// <summary>Stopwatch ticks after which the call times out.</summary>
    public long Deadline { get; private set; }

    public bool WantsResult { get; private set; }

    public long Arm(long deadline, bool wantsResult, CancellationToken cancellationToken)
    {
        Deadline = deadline;
        WantsResult = wantsResult;
        var generation = Volatile.Read(ref _stamp) >> 2;
        Volatile.Write(ref _stamp, (generation << 2) | Armed);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, _) =>
                {
                    var (call, g) = ((PendingCall, long))state!;
                    call.TryComplete(g, new CallResult(CallOutcome.Canceled));
                },
                (this, generation));
        }

        return generation;
    }

    public bool IsArmed(out long generation)
    {
        var stamp = Volatile.Read(ref _stamp);
        generation = stamp >> 2;
        return (stamp & 3) == Armed;
    }

    public bool TryComplete(long generation, in CallResult result)
    {
        var armed = (generation << 2) | Armed;
        if (Interlocked.CompareExchange(ref _stamp, (generation << 2) | Done, armed) != armed)
        {
            return false;
        }

        _core.SetResult(result);
        return true;
    }

    public ValueTask<CallResult> AsValueTask() => new(this, _core.Version);

    public CallResult GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _cancellation.Unregister();
            _cancellation = default;
            var next = (Volatile.Read(ref _stamp) >> 2) + 1;
            _core.Reset();
            Volatile.Write(ref _stamp, (next << 2) | Free);
            owner.Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}

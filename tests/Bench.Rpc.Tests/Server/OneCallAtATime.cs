using System.Diagnostics;
using Bench.Rpc.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// The client side of a plain RabbitMQ.Client request/reply used as an allocation baseline: one call at a time,
/// completed through the RPC client's own pending-call table (as Bench's and the raw baseline's clients are), so the
/// baseline's client costs what theirs do. Nothing here is an async method that awaits the reply: one would allocate
/// its state machine per call, which neither client does.
/// </summary>
internal sealed class OneCallAtATime : IAsyncDisposable
{
    private readonly PendingCalls _pending = new(TimeSpan.FromMilliseconds(10));
    private PendingCall? _current;
    private long _generation;

    /// <summary>The armed call's result, once <paramref name="publish"/> (its request) is sent and <see cref="ReplyArrived"/>.</summary>
    public ValueTask<CallResult> ResultAsync(ValueTask publish)
    {
        return publish.IsCompletedSuccessfully ? _current!.AsValueTask() : AfterPublishAsync(publish, _current!);

        static async ValueTask<CallResult> AfterPublishAsync(ValueTask publish, PendingCall call)
        {
            await publish;
            return await call.AsValueTask();
        }
    }

    /// <summary>Arms a call that ends at the timeout unless a reply arrives first; call before publishing its request.</summary>
    public void Arm(TimeSpan timeout)
    {
        _current = _pending.Rent();
        _generation = _current.Arm(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), wantsResult: false, default);
    }

    /// <summary>The reply to the one call in flight has arrived (from the reply consumer).</summary>
    public void ReplyArrived() => _current?.TryComplete(_generation, new CallResult(CallOutcome.Ok));

    public ValueTask DisposeAsync() => _pending.DisposeAsync();
}

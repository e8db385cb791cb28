using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bench.Rpc.Client;

/// <summary>
/// The client's outstanding calls: a growable array of pooled <see cref="PendingCall"/>s addressed by index (the
/// index travels in the _msg_id, so a reply finds its call without a dictionary), and one timer that sweeps
/// deadlines instead of a timer per call.
/// </summary>
internal sealed class PendingCalls : IAsyncDisposable
{
    // What a call ended by the connection says, so a sampled error is never a bare "TransportError".
    private static readonly RemoteError s_lost = new("ConnectionLost", "bench.rpc", "the connection to the broker was lost while the call was in flight");
    private static readonly RemoteError s_closed = new("ClientClosed", "bench.rpc", "the client was closed while the call was in flight");

    private readonly ConcurrentQueue<PendingCall> _free = new();
    private readonly Lock _growLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sweeper;
    private PendingCall[] _calls = new PendingCall[16];
    private int _count;

    public PendingCalls(TimeSpan resolution) => _sweeper = SweepAsync(resolution);

    public PendingCall Rent()
    {
        if (_free.TryDequeue(out var call))
        {
            return call;
        }

        lock (_growLock)
        {
            if (_count == _calls.Length)
            {
                var grown = new PendingCall[_calls.Length * 2];
                Array.Copy(_calls, grown, _count);
                Volatile.Write(ref _calls, grown);
            }

            call = new PendingCall(this, _count);
            _calls[_count] = call;
            Volatile.Write(ref _count, _count + 1);
            return call;
        }
    }

    public void Return(PendingCall call) => _free.Enqueue(call);

    public PendingCall? Get(int index)
    {
        var calls = Volatile.Read(ref _calls);
        return (uint)index < (uint)Volatile.Read(ref _count) && index < calls.Length ? calls[index] : null;
    }

    /// <summary>How many call slots exist (the peak number outstanding).</summary>
    public int Capacity => Volatile.Read(ref _count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sweeper;
        }
        catch (OperationCanceledException)
        {
        }

        // Whatever is still outstanding ends now rather than hanging its caller.
        ExpireAll(long.MaxValue, CallOutcome.TransportError, s_closed);
        _stop.Dispose();
    }

    /// <summary>Ends every outstanding call now as a transport error: the connection they were waiting on is gone.</summary>
    public void FailAll() => ExpireAll(long.MaxValue, CallOutcome.TransportError, s_lost);

    private async Task SweepAsync(TimeSpan resolution)
    {
        using var timer = new PeriodicTimer(resolution);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            ExpireAll(Stopwatch.GetTimestamp(), CallOutcome.TimedOut);
        }
    }

    private void ExpireAll(long now, CallOutcome outcome, RemoteError? why = null)
    {
        var calls = Volatile.Read(ref _calls);
        var count = Math.Min(Volatile.Read(ref _count), calls.Length);
        for (var i = 0; i < count; i++)
        {
            var call = calls[i];
            if (call.IsArmed(out var generation) && now >= call.Deadline)
            {
                call.TryComplete(generation, new CallResult(outcome, why));
            }
        }
    }
}

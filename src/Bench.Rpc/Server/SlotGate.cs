namespace Bench.Rpc.Server;

/// <summary>
/// A worker's handler slots with no lock on the way in or out. SemaphoreSlim takes its internal lock on every Wait and
/// Release, twice per request; here a delivery that finds a free slot costs one interlocked increment, and leaving
/// costs one decrement. Only when every slot is taken does a delivery wait, on a semaphore that starts empty, and the
/// next holder to leave hands its slot straight to it.
/// </summary>
internal sealed class SlotGate(int slots) : IDisposable
{
    private readonly SemaphoreSlim _handoff = new(0);
    private int _count; // deliveries holding a slot plus those waiting for one

    public int Slots => slots;

    /// <summary>Deliveries holding a slot or waiting for one.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Takes a slot if one is free. False means the caller is now queued and must await <see cref="WaitTurnAsync(TimeSpan)"/>
    /// (or <see cref="WaitTurnAsync()"/>) before it runs: its place is kept, never given up.
    /// </summary>
    public bool TryEnter() => Interlocked.Increment(ref _count) <= slots;

    /// <summary>False when <paramref name="patience"/> passed first; the caller is still queued and waits again.</summary>
    public Task<bool> WaitTurnAsync(TimeSpan patience) => _handoff.WaitAsync(patience);

    public Task WaitTurnAsync() => _handoff.WaitAsync();

    /// <summary>Leaves a slot; if anyone is queued, the slot passes to one of them.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) >= slots)
        {
            _handoff.Release();
        }
    }

    public void Dispose() => _handoff.Dispose();
}

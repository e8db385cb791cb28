namespace Bench.Testing;

/// <summary>
/// Counts what a piece of code allocates on the calling thread, never how long it takes. The fewest bytes over a few
/// rounds is the figure: a one-time event of the runtime (tiered compilation swapping in optimised code, a pool or
/// cache filled on first use) can allocate once on the thread and fail a zero-allocation test on a busy machine, while
/// an allocation per call shows in every round.
/// </summary>
public static class AllocatedBytes
{
    public static long FewestOf(int rounds, Action round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var fewest = long.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}

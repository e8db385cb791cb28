using Bench.Rpc.Dispatch;

namespace Bench.Rpc.Workers;

/// <summary>
/// The manager `bench worker` hosts and the scenarios call: methods with a known, fixed cost, so what a run
/// measures is the transport and the RPC layer, not the work.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC endpoints are instance methods: the dispatcher binds them on the manager object.")]
public sealed class BenchManager : Manager
{
    private long _casts;

    /// <summary>Casts of <see cref="Count"/> received so far (drained-cast throughput is measured at the worker).</summary>
    public long Casts => Interlocked.Read(ref _casts);

    /// <summary>Returns its payload unchanged: any JSON value (a string, a Nova object primitive, …).</summary>
    public RawJson Echo(RawJson payload) => payload;

    public long Add(long x, long y) => x + y;

    /// <summary>A fixed service time, then returns: models a method that waits on I/O.</summary>
    public async Task<long> SleepAsync(long ms, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(ms), cancellationToken);
        return ms;
    }

    /// <summary>Raises ValueError(message): a Python caller gets a real builtins.ValueError.</summary>
    public Unit Fail(string message) => throw new RemoteError("ValueError", "builtins", message);

    /// <summary>A cast target that only counts (its payload is ignored).</summary>
    public void Count(RawJson? payload = null) => Interlocked.Increment(ref _casts);
}

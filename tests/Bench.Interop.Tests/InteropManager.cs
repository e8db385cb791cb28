using Bench.Rpc;
using Bench.Rpc.Dispatch;

namespace Bench.Interop.Tests;

/// <summary>The benchmark worker's methods, as a Python caller sees them: echo, add, fail, and a counting cast.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC endpoints are instance methods.")]
public sealed class InteropManager : Manager
{
    private long _casts;

    public long Casts => Interlocked.Read(ref _casts);

    public RawJson Echo(RawJson payload) => payload;

    public long Add(long x, long y) => x + y;

    public Unit Fail(string message) => throw new RemoteError("ValueError", "builtins", message);

    public void Count() => Interlocked.Increment(ref _casts);
}

namespace Bench.Rpc.Dispatch;

/// <summary>
/// Typed storage for one call's bound arguments: numbers and booleans in their own arrays so binding them never
/// boxes. Frames are pooled per method and live only until the method has been entered.
/// </summary>
internal sealed class ArgFrame(FrameLayout layout)
{
    public readonly long[] Longs = new long[layout.Longs];
    public readonly double[] Doubles = new double[layout.Doubles];
    public readonly bool[] Bools = new bool[layout.Bools];
    public readonly object?[] Refs = new object?[layout.Refs];

    /// <summary>Bit i set when parameter i was given.</summary>
    public ulong Seen;

    /// <summary>What the call says of its caller's wait: set by the server after binding, for methods that ask for it.</summary>
    public TimeSpan? CallerTimeout;
}

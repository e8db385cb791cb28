namespace Bench.Rpc.Dispatch;

/// <summary>
/// Typed storage for one call's bound arguments: numbers and booleans in their own arrays so binding them never
/// boxes. Frames are pooled per method and live only until the method has been entered.
/// </summary>
internal sealed class ArgFrame(int longs, int doubles, int bools, int refs)
{
    public readonly long[] Longs = new long[longs];
    public readonly double[] Doubles = new double[doubles];
    public readonly bool[] Bools = new bool[bools];
    public readonly object?[] Refs = new object?[refs];

    /// <summary>Bit i set when parameter i was given.</summary>
    public ulong Seen;

    /// <summary>What the call says of its caller's wait: set by the server after binding, for methods that ask for it.</summary>
    public TimeSpan? CallerTimeout;
}

namespace Bench.Rpc.Dispatch;

/// <summary>
/// How many slots of each kind a method's <see cref="ArgFrame"/> has: counted once, as its parameters are bound, and
/// kept by its <see cref="MethodInvoker"/> to make frames for its pool.
/// </summary>
internal struct FrameLayout
{
    public int Longs;
    public int Doubles;
    public int Bools;
    public int Refs;
}

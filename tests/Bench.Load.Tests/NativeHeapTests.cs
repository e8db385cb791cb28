namespace Bench.Load.Tests;

/// <summary>
/// glibc takes the fixed mmap threshold that keeps the JIT's freed pages from staying resident (the memory it saves is
/// a measured figure, docs/running.md, not something a test can time).
/// </summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void Glibc_accepts_the_fixed_mmap_threshold()
    {
        Assert.True(NativeHeap.ReturnLargeBlocksToSystem());
    }
}

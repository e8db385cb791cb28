using System.Runtime;

namespace Bench.Load;

/// <summary>
/// A full, compacting collection outside any measured window: before measurement (the warm-up's recorders, four
/// 278 KB histograms per recording thread on the large-object heap, are garbage by then) and after it (before the
/// results are built). Without it those sat in memory until a gen2 collection happened to come, which a long run
/// met and a short one did not, so peak RSS depended on the run's length; and a gen2 pause could fall inside the
/// measurement. As BenchmarkDotNet does between iterations; it caps nothing (no heap limit).
/// Aggressive, so that the memory it frees goes back to the system: a forced collection kept its freed regions, and
/// the results and the report of a long run were then built on top of them.
/// </summary>
internal static class HeapSettle
{
    public static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

using System.Runtime;

namespace Bench.Load;

/// <summary>
/// A full, compacting collection outside any measured window: before measurement (the warm-up's recorders, four
/// 278 KB histograms per recording thread on the large-object heap, are garbage by then) and after it (before the
/// results are built). Without it those sat in memory until a gen2 collection happened to come, which a long run
/// met and a short one did not, so peak RSS depended on the run's length; and a gen2 pause could fall inside the
/// measurement. As BenchmarkDotNet does between iterations; it caps nothing (no heap limit).
/// After the window the collection is aggressive, so that what it frees goes back to the system: a forced one kept its
/// freed regions, and a long run's results, exports and report were built on top of them. Before the window it is not:
/// an aggressive collection there hands back gen0's memory too, and the window's first allocations then fault it in
/// again, which made late starts in the open model and lowered the capacity the rate search found.
/// </summary>
internal static class HeapSettle
{
    public static void BeforeMeasurement()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static void AfterMeasurement()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}

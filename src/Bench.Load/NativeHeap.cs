using System.Runtime.InteropServices;

namespace Bench.Load;

/// <summary>
/// glibc's malloc, told to give large blocks back. The JIT compiles in 64 KB pages of malloc'd memory and frees them
/// after each method; glibc keeps freed blocks in its arenas, and after its first large free it raises the size at
/// which it maps blocks of their own (the dynamic mmap threshold) so that the JIT's pages stay in the arena. A tier-up
/// of a large method late in a run then grew resident memory for good: measured on the million suite, peak RSS 104–110
/// MB without this and 98–101 MB with it, while the hot path allocates nothing native. A fixed threshold of 64 KB
/// maps each such page on its own and unmaps it when freed. Elsewhere than glibc (musl, macOS) this does nothing.
/// </summary>
public static partial class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in glibc's malloc.h
    private const int MmapThresholdBytes = 64 * 1024;

    /// <summary>Sets the threshold; false where there is no glibc to take it.</summary>
    public static bool ReturnLargeBlocksToSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: its allocator keeps its own policy.
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int option, int value);
}

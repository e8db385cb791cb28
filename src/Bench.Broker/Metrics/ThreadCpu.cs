using System.Runtime.InteropServices;

namespace Bench.Broker.Metrics;

/// <summary>The calling thread's own CPU time (CLOCK_THREAD_CPUTIME_ID): what the sampler's scraping cost, apart from the run's.</summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    /// <summary>Seconds of CPU this thread has used, or null where the clock is not there.</summary>
    public static double? Seconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds + time.Nanoseconds / 1e9 : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}

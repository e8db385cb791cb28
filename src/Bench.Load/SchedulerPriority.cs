using System.Runtime.InteropServices;

namespace Bench.Load;

/// <summary>
/// Raises the calling thread's scheduling priority (Linux nice −10) for the open-model scheduler. It sleeps until each
/// request's time; on 2 cores busy with the broker and the workers, a normal-priority thread woke more than 1 ms late
/// for 0.6–1.6% of requests even at 500 casts/s (measured in the default suite), so late starts came from the OS's
/// wake-up, not from the system under test. .NET's ThreadPriority does not change it on Linux. Needs root or
/// CAP_SYS_NICE; without them the thread keeps its priority and late starts still say so.
/// </summary>
internal static partial class SchedulerPriority
{
    private const int PrioProcess = 0;

    /// <summary>The nice value asked for: enough to win the wake-up against normal-priority processes, short of real time.</summary>
    public const int Nice = -10;

    /// <summary>Raises the calling thread's priority; returns whether it was raised.</summary>
    public static bool RaiseCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PrioProcess, GetTid(), Nice) == 0; // on Linux, "process" with a thread id is that thread
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a libc without gettid (glibc before 2.30)
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}

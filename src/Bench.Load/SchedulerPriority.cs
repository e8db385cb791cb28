using System.Runtime.InteropServices;

namespace Bench.Load;

/// <summary>
/// Raises the calling thread's scheduling priority (Linux nice −10) for the open-model scheduler. It sleeps until each
/// request's time; on 2 cores busy with the broker and the workers, a normal-priority thread can wake late behind
/// them, and that lateness would be the OS's, not the system under test's. .NET's ThreadPriority does not change it
/// on Linux. Needs root or CAP_SYS_NICE; without them the thread keeps its priority and late starts still say so.
/// It does not remove every late start: 1–3% of starts were still over 1 ms late at any rate in the default suite.
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

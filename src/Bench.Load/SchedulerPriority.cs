using System.Runtime.InteropServices;

namespace Bench.Load;

/// <summary>
/// Raises the calling thread's scheduling priority for the open-model scheduler. It sleeps until each request's time;
/// on 2 cores busy with the broker and the workers, a normal-priority thread wakes late behind them, and that
/// lateness would be the OS's, not the system under test's. .NET's ThreadPriority does not change it on Linux.
/// <para>
/// First choice is real time (SCHED_FIFO, the lowest real-time priority): it wakes ahead of every normal thread, where
/// nice −10 still left about 1% of starts over 1 ms late on 2 busy cores, at any rate. The thread sleeps
/// between starts, so it takes only what the offered rate needs, and the kernel's real-time throttling keeps 5% of
/// each core for the rest even so (docs/running.md gives the command that compares the two). SCHED_RESET_ON_FORK makes the threads it happens to create (a thread-pool worker
/// injected while it queues work) start at the normal policy, not real time. Without the privilege for that
/// (root or CAP_SYS_NICE) it asks for nice −10, which needs the same privilege; without either the thread keeps its
/// priority, and late starts say so. Every result names what this machine gave (<see cref="Describe"/>).
/// </para>
/// </summary>
public static partial class SchedulerPriority
{
    private const int PrioProcess = 0;
    private const int SchedFifo = 1;
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>The nice value asked for when real time is refused: enough to win most wake-ups against normal threads.</summary>
    public const int Nice = -10;

    /// <summary>The real-time priority asked for: the lowest, above every normal thread and below the kernel's own.</summary>
    public const int RealTimePriority = 1;

    /// <summary>Raises the calling thread's priority; returns what it got.</summary>
    public static SchedulerClass RaiseCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return SchedulerClass.Normal;
        }

        try
        {
            var tid = GetTid(); // on Linux, "process" with a thread id is that thread
            var priority = RealTimePriority;
            if (SetScheduler(tid, SchedFifo | SchedResetOnFork, ref priority) == 0)
            {
                return SchedulerClass.RealTime;
            }

            return SetPriority(PrioProcess, tid, Nice) == 0 ? SchedulerClass.Nice : SchedulerClass.Normal;
        }
        catch (EntryPointNotFoundException)
        {
            return SchedulerClass.Normal; // a libc without gettid (glibc before 2.30)
        }
    }

    /// <summary>What the open-model scheduler gets on this machine, in words for a result: tried on a thread of its own.</summary>
    public static string Describe()
    {
        var got = SchedulerClass.Normal;
        var probe = new Thread(() => got = RaiseCurrentThread()) { IsBackground = true, Name = "bench-priority-probe" };
        probe.Start();
        probe.Join();
        return got switch
        {
            SchedulerClass.RealTime => $"SCHED_FIFO {RealTimePriority}",
            SchedulerClass.Nice => $"nice {Nice}",
            _ => "normal (no privilege to raise it)",
        };
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}

namespace Bench.Load.Tests;

/// <summary>
/// The open-model scheduler's thread asks for real time (SCHED_FIFO 1), and gets it where the process may (root here;
/// CAP_SYS_NICE elsewhere); the threads it creates start at the normal policy (SCHED_RESET_ON_FORK).
/// </summary>
public sealed class SchedulerPriorityTests
{
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    [Fact]
    public void A_raised_thread_runs_at_real_time_priority_1_and_the_other_threads_keep_theirs()
    {
        SkipUnlessRoot();
        (SchedulerClass Got, (int Policy, int Priority) Seen) raised = default;
        var thread = new Thread(() => raised = (SchedulerPriority.RaiseCurrentThread(), PolicyOfThisThread()));
        thread.Start();
        thread.Join();

        Assert.Equal((SchedulerClass.RealTime, (SchedFifo, SchedulerPriority.RealTimePriority)), raised);
        Assert.Equal((SchedOther, 0), PolicyOfThisThread()); // per thread: the test's own thread is untouched
        Assert.Equal($"SCHED_FIFO {SchedulerPriority.RealTimePriority}", SchedulerPriority.Describe());
    }

    [Fact]
    public void A_thread_the_raised_thread_starts_runs_at_the_normal_policy()
    {
        SkipUnlessRoot();
        (int Policy, int Priority) child = (-1, -1);
        var thread = new Thread(() =>
        {
            _ = SchedulerPriority.RaiseCurrentThread();
            var inner = new Thread(() => child = PolicyOfThisThread());
            inner.Start();
            inner.Join();
        });
        thread.Start();
        thread.Join();

        Assert.Equal((SchedOther, 0), child);
    }

    private static void SkipUnlessRoot() =>
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "raising a priority needs Linux and root (or CAP_SYS_NICE)");

    // /proc/thread-self/stat: field 40 is the real-time priority, 41 the policy; the command name (field 2) is in
    // parentheses and may hold spaces, so fields are counted after its closing one.
    private static (int Policy, int Priority) PolicyOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        static int Field(string[] fields, int n) => int.Parse(fields[n - 3], System.Globalization.CultureInfo.InvariantCulture);
        return (Field(fields, 41), Field(fields, 40));
    }
}

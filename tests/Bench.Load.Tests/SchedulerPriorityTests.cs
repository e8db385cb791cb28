namespace Bench.Load.Tests;

/// <summary>The open-model scheduler's thread asks for nice −10, and gets it where the process may (root here; CAP_SYS_NICE elsewhere).</summary>
public sealed class SchedulerPriorityTests
{
    [Fact]
    public void A_raised_thread_runs_at_nice_minus_10_and_the_other_threads_keep_theirs()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "raising a priority needs Linux and root (or CAP_SYS_NICE)");
        (bool Raised, int Nice) seen = default;
        var thread = new Thread(() => seen = (SchedulerPriority.RaiseCurrentThread(), NiceOfThisThread()));
        thread.Start();
        thread.Join();

        Assert.Equal((true, SchedulerPriority.Nice), seen);
        Assert.Equal(0, NiceOfThisThread()); // per thread: the test's own thread is untouched
    }

    // /proc/thread-self/stat: field 19 is the nice value; the command name (field 2) is in parentheses and may hold spaces.
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }
}

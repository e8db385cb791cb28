using System.Runtime.InteropServices;

namespace Bench.Load;

/// <summary>
/// Sub-millisecond sleeps for the open-model scheduler thread: Thread.Sleep and Task.Delay have a 1 ms floor, which
/// would add up to a millisecond of false latency to every request; usleep wakes within tens of microseconds
/// without burning a core in a spin.
/// </summary>
internal static partial class NativeSleep
{
    public static void Microseconds(long microseconds)
    {
        if (microseconds <= 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = USleep((uint)Math.Min(microseconds, 1_000_000));
        }
        else
        {
            Thread.Sleep(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, microseconds * 10)));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}

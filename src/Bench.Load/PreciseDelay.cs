using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// A delay that ends within tens of microseconds of its time: one timer thread sleeps (usleep, re-checking the clock)
/// until the earliest deadline and completes it. Task.Delay rounds up to the runtime's timer tick and a thread-pool
/// wake-up — `sleep(1 ms)` took ~3.4 ms here — which would make a "1 ms service time" a 3.4 ms one.
/// For waits the harness times (a worker's `sleep`); not for the request path of the client.
/// </summary>
public static class PreciseDelay
{
    private static readonly PriorityQueue<TaskCompletionSource, long> s_due = new();
    private static readonly Lock s_lock = new();
    private static readonly AutoResetEvent s_wake = new(false);
    private static Thread? s_thread;

    public static Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (s_lock)
        {
            s_due.Enqueue(done, deadline);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "bench-precise-delay", Priority = ThreadPriority.AboveNormal };
                s_thread.Start();
            }
        }

        s_wake.Set();
        return cancellationToken.CanBeCanceled ? done.Task.WaitAsync(cancellationToken) : done.Task;
    }

    private static void Run()
    {
        while (true)
        {
            TaskCompletionSource? ready = null;
            long wait;
            lock (s_lock)
            {
                if (s_due.TryPeek(out var next, out var deadline))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (deadline <= now)
                    {
                        ready = s_due.Dequeue();
                        wait = 0;
                    }
                    else
                    {
                        wait = (deadline - now) * 1_000_000 / Stopwatch.Frequency;
                    }
                }
                else
                {
                    wait = -1;
                }
            }

            if (ready is not null)
            {
                ready.TrySetResult();
            }
            else if (wait < 0)
            {
                s_wake.WaitOne(); // nothing due: sleep until something is
            }
            else if (wait > 2_000)
            {
                s_wake.WaitOne(TimeSpan.FromMicroseconds(wait - 1_000)); // far: a coarse wait, woken early by a nearer deadline
            }
            else
            {
                NativeSleep.Microseconds(Math.Min(wait, 200)); // near: short sleeps, re-checking the clock (never early)
            }
        }
    }
}

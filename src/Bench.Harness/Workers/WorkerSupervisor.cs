using System.Globalization;
using Bench.Broker;
using Bench.Harness.Faults;
using Bench.Reporting;

namespace Bench.Harness.Workers;

/// <summary>
/// Owns a scenario's worker processes (`bench worker`, `bench worker --celery`, a real Celery worker: anything a
/// <see cref="ChildProcess"/> runs), as a service supervisor would: a worker that exits while the scenario
/// runs is reported (exit code or signal, time, last log lines) and restarted with backoff (0.5 s, doubling, at most
/// 8 s); after <see cref="MaxRestarts"/> restarts within <see cref="RestartWindow"/> it is given up on. A worker a fault
/// killed is expected to die; any other death fails the run.
/// </summary>
public sealed class WorkerSupervisor(ScenarioClock clock, Func<string, CancellationToken, Task<ChildProcess>> start, Action<string> warn) : IAsyncDisposable
{
    /// <summary>Supervises `bench worker` processes: <paramref name="start"/> starts one under the given server name.</summary>
    public WorkerSupervisor(ScenarioClock clock, Func<string, CancellationToken, Task<WorkerProcess>> start, Action<string> warn)
        : this(clock, async (server, cancellationToken) => (await start(server, cancellationToken)).Process, warn)
    {
    }

    public const int MaxRestarts = 5;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromSeconds(60);

    private readonly List<Slot> _slots = [];
    private readonly List<WorkerEventRecord> _events = [];
    private readonly CancellationTokenSource _stopping = new();

    public IReadOnlyList<WorkerEventRecord> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IEnumerable<ChildProcess> Current => _slots.Select(s => s.Process);

    /// <summary>Starts a worker and watches it.</summary>
    public async Task<ChildProcess> StartAsync(string server, CancellationToken cancellationToken)
    {
        var slot = new Slot(server, await start(server, cancellationToken));
        _slots.Add(slot);
        slot.Watch = WatchAsync(slot);
        return slot.Process;
    }

    /// <summary>
    /// Before the scenario's events are read: a worker that has already died but whose watcher has not yet recorded it
    /// (a death in the run's last moments) is waited for, briefly, so that no death goes unreported.
    /// </summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (_slots.Any(s => s.Process.HasExited && s.ExitRecorded != s.Process) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>The worker a fault acts on (the first), marked so that its death is expected.</summary>
    public (string Server, ChildProcess Process) Victim(bool expectDeath)
    {
        var slot = _slots[0];
        if (expectDeath)
        {
            Interlocked.Increment(ref slot.ExpectedDeaths);
        }

        return (slot.Server, slot.Process);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var slot in _slots)
        {
            await slot.Watch.ContinueWith(_ => { }, TaskScheduler.Default);
            await slot.Process.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task WatchAsync(Slot slot)
    {
        var restarts = new Queue<DateTime>();
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await slot.Process.WaitForExitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return; // the scenario is over: the worker is stopped on purpose
            }

            var expected = Interlocked.Exchange(ref slot.ExpectedDeaths, 0) > 0;

            var exit = slot.Process.DescribeExit();
            Record(new WorkerEventRecord
            {
                Worker = slot.Server, Event = "exited", AtSeconds = clock.Elapsed, Exit = exit, Expected = expected, LastLog = slot.Process.Tail(20),
            });
            slot.ExitRecorded = slot.Process;
            if (!expected)
            {
                warn(string.Create(CultureInfo.InvariantCulture, $"worker {slot.Server} died at {clock.Elapsed:0.0} s ({exit}) with no fault asking for it"));
            }

            while (true)
            {
                var now = DateTime.UtcNow;
                while (restarts.Count > 0 && now - restarts.Peek() > RestartWindow)
                {
                    restarts.Dequeue();
                }

                if (restarts.Count >= MaxRestarts)
                {
                    Record(new WorkerEventRecord { Worker = slot.Server, Event = "gave-up", AtSeconds = clock.Elapsed, Expected = expected, Exit = $"{MaxRestarts} restarts within {RestartWindow.TotalSeconds:0} s" });
                    warn($"worker {slot.Server}: gave up after {MaxRestarts} restarts within {RestartWindow.TotalSeconds:0} s");
                    return;
                }

                try
                {
                    await Task.Delay(delay, _stopping.Token);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(8).Ticks));
                    restarts.Enqueue(DateTime.UtcNow);
                    var old = slot.Process;
                    slot.Process = await start(slot.Server, _stopping.Token);
                    await old.DisposeAsync();
                    Record(new WorkerEventRecord { Worker = slot.Server, Event = "restarted", AtSeconds = clock.Elapsed, Expected = expected });
                    break;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (InvalidOperationException e)
                {
                    warn($"worker {slot.Server}: restart failed: {e.Message.Split('\n')[0]}");
                }
            }
        }
    }

    private void Record(WorkerEventRecord record)
    {
        lock (_events)
        {
            _events.Add(record);
        }
    }

    private sealed class Slot(string server, ChildProcess process)
    {
        public int ExpectedDeaths;

        public string Server { get; } = server;

        public ChildProcess Process { get; set; } = process;

        public Task Watch { get; set; } = Task.CompletedTask;

        /// <summary>The process whose exit the watcher last recorded.</summary>
        public ChildProcess? ExitRecorded { get; set; }
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Bench.Load;

/// <summary>
/// Runs a scenario: warm-up (discarded), then each load simulation in turn, then waits for what is still in flight.
/// Closed model: N virtual users, each reusing one request's end stamp as the next one's start (two clock reads per
/// request). Open model: a dedicated scheduler thread starts request i at start + t(i) and latency is measured
/// from that intended time; starts it could not make on time are counted as late, never hidden.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Load.Count == 0)
        {
            throw new ArgumentException($"scenario {scenario.Id} has no load simulation");
        }

        options ??= new RunOptions();
        var cancel = options.Cancellation;
        var sources = new List<CpuSource> { options.Client };
        sources.AddRange(options.CpuSources);
        var warmUp = await WarmUp.RunAsync(scenario, options, sources, cancel);
        if (options.BeforeMeasurement is { } beforeMeasurement && !cancel.IsCancellationRequested)
        {
            await beforeMeasurement(warmUp.Issued, cancel);
        }

        HeapSettle.BeforeMeasurement(); // outside the measured window, before its CPU is read
        var workItemsBefore = await WorkItemsAsync(sources, selfLast: true, cancel);
        var cpuBefore = sources.Select(s => s.CpuSeconds()).ToArray();
        using var phase = new Phase(scenario, new RunRecorder(options.ErrorSamplesPerKind), isWarmUp: false, cancel);
        var startedAt = DateTimeOffset.UtcNow;
        var timeline = phase.StartTimeline(options);
        for (var i = 0; i < scenario.Load.Count && !cancel.IsCancellationRequested; i++)
        {
            await phase.RunAsync(scenario.Load[i], options, last: i == scenario.Load.Count - 1);
        }

        phase.EndIssue(Stopwatch.GetTimestamp()); // no-op when the last load already marked it (the usual case)
        var abandoned = await phase.DrainAsync();
        if (options.AfterDrain is { } afterDrain)
        {
            await afterDrain(phase.Recorder.LiveCounts().Ok, cancel); // e.g. casts: until the workers have received what was sent
        }

        var duration = phase.ElapsedSeconds();
        var points = await phase.StopTimelineAsync(timeline);
        var cpuAfter = sources.Select(s => s.CpuSeconds()).ToArray();
        var workItemsAfter = await WorkItemsAsync(sources, selfLast: false, cancel);
        var (corrected, raw, ok, failed, timedOut) = phase.Recorder.Totals();
        var completed = ok + failed + timedOut;
        var issueSeconds = phase.IssueSeconds();
        var cost = new List<CpuCost>();
        for (var i = 0; i < sources.Count; i++)
        {
            if (cpuBefore[i] is { } before && cpuAfter[i] is { } after)
            {
                var seconds = after - before;
                var workItems = workItemsAfter[i] - workItemsBefore[i];
                cost.Add(new CpuCost(sources[i].Name, seconds, completed > 0 ? seconds * 1e6 / completed : 0, workItems, workItems is { } w && completed > 0 ? (double)w / completed : null));
            }
        }

        HeapSettle.AfterMeasurement(); // the measured window and its CPU are read: the run's garbage goes before results are built
        return new ScenarioResult
        {
            ScenarioId = scenario.Id,
            Load = string.Join("; ", scenario.Load.Select(l => l.Describe())),
            OpenModel = scenario.Load.Any(l => l is LoadSimulation.Open),
            StartedAt = startedAt,
            WarmUpSeconds = warmUp.Seconds,
            WarmUpSettled = warmUp.Settled,
            DurationSeconds = duration,
            IssueSeconds = issueSeconds,
            OkInIssueWindow = phase.OkAtIssueEnd,
            Incomplete = cancel.IsCancellationRequested,
            StopReason = cancel.IsCancellationRequested ? "interrupted" : null,
            Issued = phase.Issued,
            Ok = ok,
            Failed = failed,
            TimedOut = timedOut + abandoned,
            Abandoned = abandoned,
            LateCompletions = phase.LateCompletions,
            LateStarts = phase.LateStarts,
            MaxLatenessNs = RunRecorder.ToNanoseconds(phase.MaxLatenessTicks),
            Corrected = corrected,
            Raw = raw,
            Timeline = points,
            Errors = phase.Recorder.Errors.Drain(),
            Cost = cost,
        };
    }

    // Read outside the CPU window (before its start, after its end), and this process (the first source) last before
    // the window and first after it, so asking the workers is counted in no one's window.
    private static async Task<long?[]> WorkItemsAsync(List<CpuSource> sources, bool selfLast, CancellationToken cancel)
    {
        var read = new long?[sources.Count];
        for (var n = 0; n < read.Length; n++)
        {
            var i = selfLast ? (n + 1) % read.Length : n;
            read[i] = cancel.IsCancellationRequested ? null : await sources[i].WorkItemsAsync(cancel);
        }

        return read;
    }

    internal static LoadSimulation WarmUpLoad(LoadSimulation first, TimeSpan warmUp) => first switch
    {
        LoadSimulation.Closed c => LoadSimulation.KeepConstant(c.Outstanding, during: warmUp),
        LoadSimulation.Open o => LoadSimulation.Inject(o.FromRate, during: warmUp, arrivals: o.Arrivals, seed: o.Seed).Slice(o.Segment),
        _ => throw new NotSupportedException(first.GetType().Name),
    };

    /// <summary>One phase's live state: the recorder, the issue counters, the clock.</summary>
    internal sealed class Phase(Scenario scenario, RunRecorder recorder, bool isWarmUp, CancellationToken cancel) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly CancellationTokenSource _stopTimeline = new();
        private readonly List<TimelinePoint> _points = [];
        private long _issued;
        private long _inFlight;
        private long _lateStarts;
        private long _maxLatenessTicks;
        private long _expected;
        private long _end;
        private long _issueEnd;
        private long _okAtIssueEnd;
        private bool _lastLoad;

        // Open model, after the drain timeout: requests still in flight are counted as abandoned (timed out) once, and
        // a completion that arrives later is only counted as late, never recorded a second time. _completing counts
        // completions between their check of _sealed and the end of their recording, so sealing can wait them out.
        private int _sealed;
        private long _completing;
        private long _lateCompletions;

        public RunRecorder Recorder { get; } = recorder;

        public long Issued => Interlocked.Read(ref _issued);

        public long LateStarts => Interlocked.Read(ref _lateStarts);

        public long MaxLatenessTicks => Interlocked.Read(ref _maxLatenessTicks);

        public long OkAtIssueEnd => Interlocked.Read(ref _okAtIssueEnd);

        public long LateCompletions => Interlocked.Read(ref _lateCompletions);

        public double ElapsedSeconds() => ((_end != 0 ? _end : Stopwatch.GetTimestamp()) - _start) / (double)Stopwatch.Frequency;

        /// <summary>The issue window: from the start to the moment the last request was issued (or the load's deadline).</summary>
        public double IssueSeconds() => ((Interlocked.Read(ref _issueEnd) is var end and not 0 ? end : Stopwatch.GetTimestamp()) - _start) / (double)Stopwatch.Frequency;

        /// <summary>
        /// Marks the end of the issue window, once: what follows is the drain, which is reported on its own and kept
        /// out of throughput (one lost reply waiting out a 60 s timeout must not divide the run's ok count by 60 s more).
        /// </summary>
        public void EndIssue(long at)
        {
            if (Interlocked.CompareExchange(ref _issueEnd, Math.Max(at, _start + 1), 0) == 0)
            {
                Interlocked.Exchange(ref _okAtIssueEnd, Recorder.LiveCounts().Ok);
            }
        }

        public Task RunAsync(LoadSimulation load, RunOptions options, bool last)
        {
            _lastLoad = last;
            Interlocked.Add(ref _expected, load.SegmentRequests ?? 0);
            return load switch
            {
                LoadSimulation.Closed closed => RunClosedAsync(closed),
                LoadSimulation.Open open => RunOpenAsync(open),
                _ => throw new NotSupportedException(load.GetType().Name),
            };
        }

        /// <summary>Waits for in-flight requests up to the drain timeout; returns how many never completed.</summary>
        public async Task<long> DrainAsync()
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(scenario.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
            while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(1);
            }

            Volatile.Write(ref _sealed, 1);
            Interlocked.MemoryBarrier();
            var spin = default(SpinWait);
            while (Interlocked.Read(ref _completing) > 0)
            {
                spin.SpinOnce(); // a completion that passed the check before the seal finishes recording in nanoseconds
            }

            _end = Stopwatch.GetTimestamp();
            return Interlocked.Read(ref _inFlight);
        }

        public Task StartTimeline(RunOptions options) => TimelineAsync(options);

        public async Task<IReadOnlyList<TimelinePoint>> StopTimelineAsync(Task timeline)
        {
            _stopTimeline.Cancel();
            await timeline;
            var seconds = ElapsedSeconds() - _points.Count;
            if (seconds > 0.001 || _points.Count == 0)
            {
                _points.Add(Recorder.HarvestFinal(_points.Count, Math.Max(seconds, 0)));
            }

            // A second that began after the last request was issued is drain: kept for the timeline, flagged so that
            // no statistic takes its low throughput (or its empty histogram's 0 µs) for a measurement.
            var issueSeconds = IssueSeconds();
            for (var i = 0; i < _points.Count; i++)
            {
                var p = _points[i];
                _points[i] = p with { Drain = p.Second >= issueSeconds, Partial = p.Seconds < 0.999 || p.Second + p.Seconds > issueSeconds + 1e-9 };
            }

            return _points;
        }

        private async Task TimelineAsync(RunOptions options)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(_stopTimeline.Token))
                {
                    var point = await Recorder.HarvestAsync(_points.Count, 1.0);
                    _points.Add(point);
                    Report(options, point);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void Report(RunOptions options, TimelinePoint point)
        {
            if (options.OnProgress is not { } onProgress)
            {
                return;
            }

            var (ok, failed, timedOut) = Recorder.LiveCounts();
            var elapsed = ElapsedSeconds();
            var expected = Interlocked.Read(ref _expected);
            double? fraction = expected > 0 ? Math.Min(1, (double)Issued / expected)
                : scenario.Load.Sum(l => l.During?.TotalSeconds ?? 0) is var total and > 0 ? Math.Min(1, elapsed / total) : null;
            onProgress(new ProgressSnapshot(scenario.Id, isWarmUp, elapsed, Issued, ok, failed, timedOut, LateStarts, point.Throughput, point.P50Ns, point.P99Ns, fraction)
            {
                Buckets = point.Buckets,
                SumNs = point.SumNs,
            });
        }

        private async Task RunClosedAsync(LoadSimulation.Closed load)
        {
            var deadline = load.During is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
            var remaining = load.Requests ?? long.MaxValue;
            var users = new Task[load.Outstanding];
            for (var i = 0; i < users.Length; i++)
            {
                users[i] = VirtualUserAsync(i, deadline, () =>
                {
                    var left = Interlocked.Decrement(ref remaining);
                    if (left == 0 && _lastLoad)
                    {
                        EndIssue(Stopwatch.GetTimestamp()); // the last request of a counted run is being issued now
                    }

                    return left >= 0;
                }).AsTask();
            }

            await Task.WhenAll(users); // closed model: nothing is left in flight once every user has returned
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        private async ValueTask VirtualUserAsync(int user, long deadline, Func<bool> takeOne)
        {
            await Task.Yield(); // every user starts on the thread pool, not on the caller's stack
            var step = scenario.Step;
            var start = Stopwatch.GetTimestamp();
            while (!cancel.IsCancellationRequested && start < deadline && takeOne())
            {
                var invocation = Interlocked.Increment(ref _issued) - 1;
                StepResult result;
                try
                {
                    result = await step(new StepContext(invocation, user, cancel));
                }
                catch (Exception e)
                {
                    result = new StepResult(Outcome.Failed, e.GetType().Name + ": " + e.Message);
                }

                var end = Stopwatch.GetTimestamp();
                Recorder.Record(result, end - start, end - start);
                start = end; // one clock read per request: this end is the next start
            }

            if (start >= deadline && _lastLoad)
            {
                EndIssue(deadline); // a timed run issues until its deadline, whoever notices first
            }
        }

        private Task RunOpenAsync(LoadSimulation.Open load)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    Schedule(load);
                    done.SetResult();
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            })
            {
                IsBackground = true,
                Name = "bench-scheduler",
                Priority = ThreadPriority.AboveNormal,
            };
            thread.Start();
            return done.Task;
        }

        private void Schedule(LoadSimulation.Open load)
        {
            _ = SchedulerPriority.RaiseCurrentThread(); // its own thread, ended with the load: the priority goes with it
            var schedule = new ArrivalSchedule(load);
            var start = Stopwatch.GetTimestamp();
            var late = (long)(scenario.LateThreshold.TotalSeconds * Stopwatch.Frequency);
            var frequency = (double)Stopwatch.Frequency;
            for (long i = 0; !cancel.IsCancellationRequested && schedule.Next() is { } due; i++)
            {
                var intended = start + (long)(due * frequency);
                var now = Stopwatch.GetTimestamp();
                while (now < intended && !cancel.IsCancellationRequested)
                {
                    // Never early: a sleep can return before its time (a signal interrupts usleep; the runtime sends
                    // them), and long waits are capped, so the clock is read again until the intended time has come.
                    NativeSleep.Microseconds(Math.Max(1, (intended - now) * 1_000_000 / Stopwatch.Frequency));
                    now = Stopwatch.GetTimestamp();
                }

                while (Interlocked.Read(ref _inFlight) >= scenario.MaxOutstanding && !cancel.IsCancellationRequested)
                {
                    NativeSleep.Microseconds(100); // the system holds the maximum: wait, and let lateness show it
                    now = Stopwatch.GetTimestamp();
                }

                var lateness = now - intended;
                if (lateness > late)
                {
                    _lateStarts++;
                    if (lateness > _maxLatenessTicks)
                    {
                        _maxLatenessTicks = lateness;
                    }
                }

                Interlocked.Increment(ref _issued);
                Interlocked.Increment(ref _inFlight);
                OpenRequest.Start(this, i, intended, now);
            }

            if (_lastLoad)
            {
                EndIssue(Stopwatch.GetTimestamp());
            }
        }

        /// <summary>Called by an <see cref="OpenRequest"/> when its step has completed.</summary>
        public void Complete(in StepResult result, long intended, long started)
        {
            var end = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _completing);
            if (Volatile.Read(ref _sealed) != 0)
            {
                Interlocked.Increment(ref _lateCompletions); // already counted as abandoned when the drain gave up
                Interlocked.Decrement(ref _completing);
                return;
            }

            Recorder.Record(result, end - intended, end - started);
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Decrement(ref _completing);
        }

        public StepContext Context(long invocation) => new(invocation, -1, cancel);

        public Func<StepContext, ValueTask<StepResult>> Step => scenario.Step;

        public void Dispose() => _stopTimeline.Dispose();
    }
}

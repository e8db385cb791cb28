using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Bench.Broker;
using Bench.Harness;
using Bench.Harness.Definitions;
using Bench.Harness.Faults;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Celery;
using RabbitMQ.Client;

namespace Bench.Harness.Runs;

/// <summary>
/// Runs a Celery scenario: the seed's apply_async + get (celery.add) or fire-and-forget tasks drained by the worker
/// (celery.add.cast), with the real Celery 5.2 worker or Bench's C# worker, driven by Bench's C# client under the
/// load engine or by the real Python client (whose own per-request latencies Bench reads) — so client cost and
/// worker cost can be told apart. The worker's log is kept beside the results.
/// </summary>
public sealed class CeleryRun(RunSession session, ScenarioSpec spec) : ScenarioRun(session, spec)
{
    private const string WorkerName = "celery";
    private static readonly byte[] s_addPositional = "[4, 4]"u8.ToArray();
    private readonly string _queue = "bench.celery." + Guid.NewGuid().ToString("N")[..8];

    protected override Func<string, bool> BrokerQueues => q => q == _queue;
    private readonly ScenarioClock _clock = new();
    private readonly List<string> _logs = [];
    private WorkerSupervisor _supervisor = null!;

    /// <summary>
    /// Faults go through the load engine's timeline (their windows and recovery are read off it); the Python client
    /// drives the load outside the engine, so a fault run with it could not say what the fault did. Called when the plan
    /// is checked, before a broker starts: a usage error (exit 2).
    /// </summary>
    public static void RefuseFaults(IEnumerable<ScenarioSpec> specs, IReadOnlyList<FaultSpec> faults)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Count > 0 && specs.FirstOrDefault(s => s.Scenario.LoadOutsideEngine(s.Settings)) is { } spec)
        {
            throw new HarnessConfigurationException($"--fault with --celery-client python: {spec.Id}'s load comes from the Python client, outside Bench's engine, so a fault's effect cannot be measured; use --celery-client bench");
        }
    }

    /// <summary>
    /// The raw baseline worker runs no task, so a rate limit on one would be silently ignored: refused when the plan is
    /// checked (exit 2).
    /// </summary>
    public static void RefuseRawRateLimit(IEnumerable<ScenarioSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (specs.FirstOrDefault(s => s.Settings.CeleryWorker == "raw" && s.Settings.CeleryRateLimits && s.Settings.TaskRateLimit is not null) is { } spec)
        {
            throw new HarnessConfigurationException($"--celery-worker raw with --task-rate-limit: {spec.Id}'s raw baseline worker runs no task, so it has no rate limit to honour");
        }
    }

    public override async Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        // RunCommand checks the plan first; this keeps the rules true for any other caller.
        RefuseFaults([Spec], Session.Faults);
        RefuseRawRateLimit([Spec]);
        var worker = await StartWorkerAsync(cancellation);
        var cpu = CpuSources([new CpuSource("worker", worker.ProcessId, IncludeDescendants: true) { JitMethods = await ControlAsync(cancellation) }]);
        var isCast = Spec.Scenario.Kind == ScenarioKind.Cast;
        var record = Settings.CeleryClient == "python"
            ? await RunPythonClientAsync(cpu, isCast, cancellation)
            : await RunBenchClientAsync(cpu, isCast, onProgress, cancellation);
        await _supervisor.SettleAsync();
        record = record with { WorkerEvents = [.. _supervisor.Events] };
        if (record.WorkerEvents.Any(e => e.Event == "restarted"))
        {
            // A CPU source reads one pid: the first worker's is gone after a restart, so the worker's CPU is left out
            // rather than reported for part of the run.
            record.Notes.Add("the worker was restarted: its CPU is not in the cost figures (they follow the first worker's pid)");
        }

        string[] logs;
        lock (_logs)
        {
            logs = [.. _logs.Select(Path.GetFileName).OfType<string>()];
        }

        record.Notes.Add($"worker log{(logs.Length > 1 ? "s" : string.Empty)}: {string.Join(", ", logs)} (in peers/ beside results.json)");
        if (Settings.CeleryWorker == "python" && Settings.Pool == "solo" && Settings.PrefetchMultiplier is > 0 and <= 4)
        {
            record.Notes.Add(StallNote);
        }

        return record;
    }

    private static string PeersDirectory => Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "scripts", "peers", "celery");

    // Each start of the worker logs to a file of its own, so a restart does not overwrite the log of the one that died.
    private string NextLogPath()
    {
        lock (_logs)
        {
            var restart = _logs.Count == 0 ? string.Empty : "-restart" + _logs.Count.ToString(CultureInfo.InvariantCulture);
            var path = Path.Combine(Session.OutputDirectory, "peers", $"{Spec.Id}-{Settings.CeleryWorker}-worker-{_queue[^8..]}{restart}.log");
            _logs.Add(path);
            return path;
        }
    }

    /// <summary>Starts the worker under a supervisor, which reports, restarts (with backoff) and in the end gives up on one that dies.</summary>
    private async Task<ChildProcess> StartWorkerAsync(CancellationToken cancellation)
    {
        var concurrency = Settings.Pool == "prefork" ? Settings.Concurrency : 1;
        Func<string, CancellationToken, Task<ChildProcess>> start;
        if (Settings.CeleryWorker == "python")
        {
            var environment = new Dictionary<string, string>
            {
                ["BENCH_CELERY_BROKER"] = BrokerUri.OriginalString,
                ["BENCH_CELERY_RATE_LIMITS"] = Settings.CeleryRateLimits ? "on" : "off",
                ["BENCH_CELERY_ADD_RATE_LIMIT"] = Settings.TaskRateLimit ?? string.Empty,
                ["BENCH_CELERY_ACKS_LATE"] = Settings.AcksLate ? "1" : "0",
            };

            // Celery's own defaults otherwise: with --without-heartbeat/--without-gossip a solo worker with a deep queue
            // left prefetched tasks waiting for its next timer (measured: 3,000 casts drained in ~9 s with defaults,
            // 1,220 in 82 s without), which would measure the flags, not Celery.
            string[] arguments =
            [
                "-m", "celery", "-A", "tasks", "worker", "--loglevel=WARNING",
                "-Q", _queue, "--pool", Settings.Pool, "-c", concurrency.ToString(CultureInfo.InvariantCulture),
                "--prefetch-multiplier", Settings.PrefetchMultiplier.ToString(CultureInfo.InvariantCulture),
            ];
            start = (_, ct) => PythonPeer.StartAsync(PeersDirectory, arguments, environment, " ready.", NextLogPath(), ct,
                // Ready when the worker consumes its queue: Celery's own "ready." line is logged at INFO, which would also log every task.
                () => QueueProbe.HasConsumerAsync(BrokerUri, _queue));
        }
        else
        {
            var arguments = new List<string>
            {
                "--celery", "--topic", _queue, "--control-topic", ControlTopic, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
                "--prefetch-multiplier", Settings.PrefetchMultiplier.ToString(CultureInfo.InvariantCulture),
            };
            if (Settings.CeleryWorker == "raw")
            {
                arguments.Add("--raw");
            }

            if (Settings.AcksLate)
            {
                arguments.AddRange(["--acks-late", "true"]);
            }

            if (Settings.CeleryRateLimits && Settings.TaskRateLimit is { } limit)
            {
                arguments.AddRange(["--rate-limit", "add=" + limit.Replace("/s", string.Empty, StringComparison.Ordinal)]);
            }

            var environment = RunSession.ChildEnvironment(BrokerUri);
            start = async (server, ct) => (await WorkerProcess.StartAsync(arguments, server, environment, ct, NextLogPath())).Process;
        }

        _supervisor = Owned.Add(new WorkerSupervisor(_clock, start, Session.Warn));
        return await _supervisor.StartAsync(WorkerName, cancellation);
    }

    private string ControlTopic => _queue + ".control";

    // Bench's C# worker (and the raw baseline, in the same process) answers how far its JIT has got on its control
    // topic; Celery cannot. Only a warm-up through the load engine (Bench's client) asks, so the Python client's runs
    // connect no control client.
    private async Task<Func<CancellationToken, ValueTask<long?>>?> ControlAsync(CancellationToken cancellation)
    {
        if (Settings.CeleryWorker == "python" || Settings.CeleryClient == "python")
        {
            return null;
        }

        var control = Owned.Add(await RpcClient.ConnectAsync(BrokerUri, OsloClientOptions("bench-control"), cancellationToken: cancellation));
        return AskCount(control, new Target(ControlTopic).WithServer(WorkerName), "jit_compiled_methods");
    }

    private async Task<ScenarioRecord> RunBenchClientAsync(List<CpuSource> cpu, bool isCast, Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        var client = Owned.Add(await CeleryClient.ConnectAsync(BrokerUri, new CeleryClientOptions { Queue = _queue, DefaultTimeout = Timeout }, cancellationToken: cancellation));
        var positional = new RpcArgs(s_addPositional);
        var timeout = Timeout;
        Func<StepContext, ValueTask<StepResult>> step = isCast
            ? _ => StepOutcomes.FromCast(client.SendAsync("tasks.add", positional))
            : _ => StepOutcomes.FromCall(client.TryApplyAsync("tasks.add", positional, null, timeout, discardResult: true));
        var drainStart = 0L;
        using var injector = new FaultInjector(Session.Faults, _clock, Session.PrivateNode, _supervisor, Session.Warn, Settings.TimeoutSeconds);
        var result = await DriveAsync(step, cpu, onProgress, cancellation,
            beforeMeasurement: async (_, ct) =>
            {
                if (isCast)
                {
                    await WaitForEmptyQueueAsync(_queue, ct);
                    drainStart = Stopwatch.GetTimestamp();
                }

                injector.Start(); // also starts the clock that worker events are timed by
            });
        var record = await RecordAsync(result, isCast ? "publish (client side)" : "round-trip");
        record = record with { Faults = await injector.FinishAsync(record.Timeline, client.Connection.BlockedCount) };
        return isCast ? await WithDrainAsync(record, result.Ok, drainStart == 0 ? Stopwatch.GetTimestamp() : drainStart, cancellation) : record;
    }

    private async Task<ScenarioRecord> RunPythonClientAsync(List<CpuSource> cpu, bool isCast, CancellationToken cancellation)
    {
        var requests = Settings.Requests ?? (long)Math.Max(100, Settings.DurationSeconds * 500);
        var output = Path.Combine(Session.OutputDirectory, "peers", $"{Spec.Id}-python-client-{_queue[^8..]}.latencies");
        var arguments = new List<string>
        {
            Path.Combine(PeersDirectory, "client.py"), "--url", BrokerUri.OriginalString, "--task", "tasks.add", "--args", "[4, 4]",
            "--queue", _queue, "--count", requests.ToString(CultureInfo.InvariantCulture), "--threads", Settings.Outstanding.ToString(CultureInfo.InvariantCulture),
            "--timeout", Settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture), "--out", output,
        };
        if (isCast)
        {
            arguments.Add("--cast");
        }

        var sources = cpu.ToList();
        var before = sources.Select(s => s.CpuSeconds()).ToArray();
        var start = Stopwatch.GetTimestamp();
        _clock.Start(); // worker events are timed from the client's launch (there is no engine timeline to align with)
        await using var client = await PythonPeer.StartAsync(PeersDirectory, arguments, new Dictionary<string, string>(), "done ", Path.ChangeExtension(output, ".log"), cancellation);
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(Settings.TimeoutSeconds + (requests / 50.0))))
        {
            await client.WaitForExitAsync(limit.Token);
        }

        if (client.ExitCode != 0)
        {
            throw new InvalidOperationException("the Python Celery client failed: " + client.Tail(40));
        }

        var after = sources.Select(s => s.CpuSeconds()).ToArray();
        var samples = File.ReadAllLines(output).Select(l => l.Split(' ')).Select(p => (Start: long.Parse(p[0], CultureInfo.InvariantCulture), Latency: long.Parse(p[1], CultureInfo.InvariantCulture), Outcome: p[2])).ToList();
        // The drain clock starts at the first send the client made (its stamps are CLOCK_MONOTONIC ns, Stopwatch's
        // clock on Linux), not at the launch: the interpreter's start, its imports and its connection are not drain.
        if (samples.Count > 0)
        {
            start = (long)(samples.Min(s => s.Start) * (Stopwatch.Frequency / 1e9));
        }

        var result = FromSamples(samples, requests, start, sources, before, after);
        var record = await RecordAsync(result, isCast ? "publish (client side)" : "round-trip (measured by the Python client)");
        record.Notes.Add("driven by the real Python Celery client (scripts/peers/celery/client.py): latencies are its own; its CPU is not measured");
        return isCast ? await WithDrainAsync(record, result.Ok, start, cancellation) : record;
    }

    /// <summary>
    /// What a solo Celery 5.2.6 worker with a small prefetch window does, found by strace and a probe in kombu's hub
    /// (issue 15, item 11): Celery's finding, not an artifact of Bench's client, which the real Python client shows too.
    /// </summary>
    private const string StallNote = "Celery 5.2.6 / kombu 5.2.4, solo pool, prefetch multiplier ≤ 4: the worker queues each ack for the event "
        + "loop's next turn, then blocks in poll() until its next timer (the 2 s worker heartbeat) with the ack unsent; the broker withholds "
        + "the next task until the ack arrives, so stalls of up to 2 s follow. A client that sends within ~1 ms of a result hits it most "
        + "often; the real Python client hits it too (celery/celery#7718, celery/kombu#1587). Patching the hub to poll with timeout 0 while "
        + "callbacks are ready removes every stall for both clients.";

    // The Python client's samples as an engine result: the same histogram, counts and per-second timeline.
    private ScenarioResult FromSamples(List<(long Start, long Latency, string Outcome)> samples, long requested, long startTicks, List<CpuSource> sources, double?[] before, double?[] after)
    {
        var histogram = new LatencyHistogram();
        long ok = 0, failed = 0, timedOut = 0;
        var first = samples.Count > 0 ? samples.Min(s => s.Start) : 0;
        var last = samples.Count > 0 ? samples.Max(s => s.Start + s.Latency) : 0;
        var perSecond = new SortedDictionary<int, (LatencyHistogram H, long Ok, long Failed, long TimedOut)>();
        foreach (var (s, latency, outcome) in samples)
        {
            var second = (int)((s - first) / 1_000_000_000);
            var slot = perSecond.TryGetValue(second, out var existing) ? existing : (new LatencyHistogram(), 0, 0, 0);
            switch (outcome)
            {
                case "ok":
                    histogram.Record(latency);
                    slot.H.Record(latency);
                    ok++;
                    slot.Ok++;
                    break;
                case "timeout":
                    timedOut++;
                    slot.TimedOut++;
                    break;
                default:
                    failed++;
                    slot.Failed++;
                    break;
            }

            perSecond[second] = slot;
        }

        var duration = Math.Max(1e-9, (last - first) / 1e9);
        var timeline = perSecond.Select(kv => new TimelinePoint(kv.Key, 1, kv.Value.Ok, kv.Value.Failed, kv.Value.TimedOut, kv.Value.Ok,
            kv.Value.H.ValueAtPercentile(50), kv.Value.H.ValueAtPercentile(99), kv.Value.H.Max)).ToList();
        var completed = ok + failed + timedOut;
        var cost = sources.Select((s, i) => before[i] is { } b && after[i] is { } a ? new CpuCost(s.Name, a - b, completed > 0 ? (a - b) * 1e6 / completed : 0) : (CpuCost?)null)
            .OfType<CpuCost>().ToList();
        return new ScenarioResult
        {
            ScenarioId = Spec.Id,
            Load = string.Create(CultureInfo.InvariantCulture, $"closed, {Settings.Outstanding} Python client thread(s), for {samples.Count:N0} requests"),
            OpenModel = false,
            StartedAt = DateTimeOffset.UtcNow.AddSeconds(-(Stopwatch.GetTimestamp() - startTicks) / (double)Stopwatch.Frequency),
            WarmUpSeconds = 0,
            DurationSeconds = duration,
            Incomplete = false,
            // Issued is what the client was asked to send, not the samples it wrote: a request it lost leaves the
            // accounting short, and so the run says so.
            Issued = requested,
            Ok = ok,
            Failed = failed,
            TimedOut = timedOut,
            Abandoned = 0,
            LateStarts = 0,
            MaxLatenessNs = 0,
            Corrected = histogram,
            Raw = histogram,
            Timeline = timeline,
            Errors = [],
            Cost = cost,
        };
    }

    /// <summary>Casts: throughput is the worker's, measured by draining — from the first send until the queue is empty.</summary>
    private async Task<ScenarioRecord> WithDrainAsync(ScenarioRecord record, long sent, long startTicks, CancellationToken cancellation)
    {
        var remaining = await WaitForEmptyQueueAsync(_queue, cancellation, record.Notes);

        // An empty queue (its ready count) is not a drained one: the worker may still hold up to its prefetch window
        // of tasks it has not run. A sentinel task sent now is delivered after every one of them, so its answer ends
        // the drain (exactly for a solo pool; within concurrency − 1 task times for a pool of several).
        var sentinel = remaining == 0 && await SentinelAnsweredAsync();
        return WithDrain(record, sent, remaining, startTicks, sentinel ? "a sentinel task sent after the last one was answered" : "the queue was empty (the sentinel task got no answer)");
    }

    private async Task<bool> SentinelAnsweredAsync()
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(30, Settings.TimeoutSeconds));
        await using var client = await CeleryClient.ConnectAsync(BrokerUri, new CeleryClientOptions { Queue = _queue, DefaultTimeout = timeout });
        return (await client.TryApplyAsync("tasks.add", new RpcArgs(s_addPositional), null, timeout, discardResult: true)).IsOk;
    }
}

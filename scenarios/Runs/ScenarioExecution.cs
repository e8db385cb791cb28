using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Scenarios.Catalog;
using Bench.Scenarios.Faults;
using Bench.Scenarios.Payloads;
using Bench.Scenarios.Workers;

namespace Bench.Scenarios.Runs;

/// <summary>
/// Runs one <see cref="ScenarioSpec"/>: starts its workers (child processes by default, so client and worker do not
/// share a runtime), connects its clients, drives the step through the load engine, and for casts collects what
/// the workers measured. Everything it starts it stops.
/// </summary>
internal sealed class ScenarioExecution(RunSession session, ScenarioSpec spec) : IAsyncDisposable
{
    private readonly OwnedResources _owned = new(spec.Id, session.Warn);
    private readonly List<(string Server, int? Pid)> _workers = [];
    private readonly string _topic = "bench." + spec.Id + "." + Guid.NewGuid().ToString("N")[..8];
    private RpcClient[] _clients = [];
    private RawRpcClient[] _rawClients = [];
    private RpcClient? _control;
    private List<WorkerStats>? _delivered;
    private readonly ScenarioClock _clock = new();
    private WorkerSupervisor? _supervisor;
    private string? _ledgerDirectory;
    private long _warmUpSent;

    private ScenarioSettings Settings => spec.Settings;

    private Target Target => new(_topic);

    public async Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        await SetUpAsync(cancellation);
        var cpu = new List<CpuSource>();
        foreach (var (server, pid) in _workers)
        {
            if (pid is { } p)
            {
                cpu.Add(new CpuSource(_workers.Count == 1 ? "worker" : "worker:" + server, p));
            }
        }

        if (session.BrokerProcessId is { } brokerPid)
        {
            cpu.Add(new CpuSource("broker", brokerPid));
        }

        var isCast = ScenarioIds.IsCast(spec.Id);
        using var injector = new FaultInjector(session.Faults, _clock, session.PrivateNode, _supervisor, session.Warn, Settings.TimeoutSeconds);
        var scenario = Scenario.Create(spec.Id, BuildStep())
            .WithWarmUp(TimeSpan.FromSeconds(Settings.WarmUpSeconds))
            .WithLoad(Load())
            .WithDrainTimeout(TimeSpan.FromSeconds(Settings.TimeoutSeconds + 5));
        var result = await ScenarioRunner.RunAsync(scenario, new RunOptions
        {
            OnProgress = onProgress,
            CpuSources = cpu,
            Cancellation = cancellation,
            BeforeMeasurement = async (warmUp, ct) =>
            {
                _warmUpSent = warmUp;
                if (isCast)
                {
                    await ResetWorkerStatsAsync(warmUp, ct);
                }
                else if (spec.Id == ScenarioIds.CallSleep)
                {
                    await ForEachWorkerAsync("sleep_stats_reset", ct);
                }

                injector.Start(); // also starts the clock that worker events are timed by
            },

            // Casts: the workers' and the broker's work on the backlog happens after the client stops publishing, so
            // the run (and its CPU reading) ends when the workers have received what was sent, not before.
            AfterDrain = isCast ? async (ok, ct) => _delivered = await WaitForDeliveriesAsync(ok, ct) : null,
        });
        if (_supervisor is not null)
        {
            await _supervisor.SettleAsync();
        }

        var record = ScenarioRecords.From(result, Settings.Describe(spec.Id), isCast ? "one-way (at worker)" : spec.Id == ScenarioIds.HarnessNull ? "step (in-process)" : "round-trip");
        record = record with
        {
            Faults = await injector.FinishAsync(record.Timeline, _clients.Sum(c => c.Connection.BlockedCount)),
            WorkerEvents = [.. _supervisor?.Events ?? []],
        };
        if (Settings.InProcess && spec.Id != ScenarioIds.HarnessNull)
        {
            record.Notes.Add("workers ran in the client's process: their CPU is in the client's figure");
        }

        if (!session.PrivateBroker)
        {
            record.Notes.Add("external broker: its CPU is not measured");
        }

        if (spec.Id == ScenarioIds.CallSleep && _workers.Count > 0)
        {
            record = record with { WorkerServiceTime = await SleepServiceTimeAsync() };
        }

        record = isCast ? await WithWorkerMeasurementsAsync(record, result, cancellation) : record;
        if (_ledgerDirectory is null)
        {
            return record;
        }

        // With a ledger (fault runs), deliveries are counted by unique id across every worker process, killed ones
        // included: that, not a restarted worker's fresh counters, says whether every cast arrived.
        var ledger = await CastLedgerAsync(_warmUpSent + result.Ok);
        return record with
        {
            CastLedger = ledger,
            Counts = record.Counts with { Accounted = result.Accounted && ledger.Lost == 0 && (record.Counts.Rejected ?? 0) == 0 },
        };
    }

    // Fault runs of casts: count what every worker process (killed ones included) was delivered, by unique id.
    private async Task<CastLedgerRecord> CastLedgerAsync(long sent)
    {
        var ledger = CastLedgerFile.Read(_ledgerDirectory!, sent);
        var stalled = DateTime.UtcNow;
        while (ledger.ReceivedUnique < sent && DateTime.UtcNow - stalled < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(200);
            var next = CastLedgerFile.Read(_ledgerDirectory!, sent);
            if (next.ReceivedUnique != ledger.ReceivedUnique)
            {
                stalled = DateTime.UtcNow;
            }

            ledger = next;
        }

        return ledger;
    }

    /// <summary>What `sleep` really took at the workers (merged), to stand beside the service time asked for.</summary>
    private async Task<LatencyRecord> SleepServiceTimeAsync()
    {
        var merged = new LatencyHistogram();
        foreach (var (server, _) in _workers)
        {
            var histogram = await _control!.CallAsync<HistogramRecord>(Target.WithServer(server), "sleep_stats", RpcArgs.Empty, TimeSpan.FromSeconds(60));
            merged.Add((histogram ?? throw new InvalidOperationException("worker " + server + " returned no sleep stats")).ToHistogram());
        }

        return LatencyRecord.From(merged);
    }

    private async Task ForEachWorkerAsync(string method, CancellationToken cancellation)
    {
        foreach (var (server, _) in _workers)
        {
            await _control!.CallAsync<JsonElement>(Target.WithServer(server), method, RpcArgs.Empty, TimeSpan.FromSeconds(60), cancellationToken: cancellation);
        }
    }

    public ValueTask DisposeAsync() => _owned.DisposeAsync();

    private LoadSimulation Load()
    {
        var during = Settings.Requests is null ? TimeSpan.FromSeconds(Settings.DurationSeconds) : (TimeSpan?)null;
        return Settings.Rate is { } rate
            ? LoadSimulation.Inject(rate, during, Settings.Requests, Settings.Arrivals)
            : LoadSimulation.KeepConstant(Settings.Outstanding, during, Settings.Requests);
    }

    private async Task SetUpAsync(CancellationToken cancellation)
    {
        if (spec.Id == ScenarioIds.HarnessNull)
        {
            return;
        }

        var uri = session.BrokerUri;
        for (var i = 0; i < Settings.Workers; i++)
        {
            var server = "w" + i.ToString(CultureInfo.InvariantCulture);
            if (Settings.InProcess && Objects.ObjectScenarios.Is(spec.Id))
            {
                _owned.Add(await Objects.InProcessConductor.StartAsync(uri, WorkerOptions(server), cancellation));
                _workers.Add((server, null));
            }
            else if (Settings.InProcess)
            {
                var worker = await InProcessWorker.StartAsync(uri, WorkerOptions(server), ScenarioIds.IsRaw(spec.Id), cancellation);
                _owned.Add(worker);
                _workers.Add((server, null));
            }
            else
            {
                if (_supervisor is null)
                {
                    var environment = new Dictionary<string, string>(session.ChildEnvironment);
                    if (session.Faults.Count > 0 && spec.Id == ScenarioIds.CastCount)
                    {
                        _ledgerDirectory = Directory.CreateTempSubdirectory("bench-ledger-").FullName;
                        _owned.Add(new DisposeAction(() => Directory.Delete(_ledgerDirectory, recursive: true)));
                        environment[CastLedgerFile.EnvironmentVariable] = _ledgerDirectory;
                    }

                    _supervisor = new WorkerSupervisor(_clock, (name, ct) => WorkerProcess.StartAsync(WorkerArguments(), name, environment, ct), session.Warn);
                    _owned.Add(_supervisor);
                }

                var worker = await _supervisor.StartAsync(server, cancellation);
                _workers.Add((server, worker.ProcessId));
            }
        }

        var clientOptions = new RpcClientOptions
        {
            ReplyTransport = Settings.Transport,
            PublisherConfirms = Settings.Confirms,
            Persistent = Settings.Persistent,
            Envelope = Settings.Envelope,
            DurableExchange = Settings.Durable,
            DefaultTimeout = TimeSpan.FromSeconds(Settings.TimeoutSeconds),
            PublishToQueue = Settings.EffectiveRoute(spec.Id) == "queue",
            ClientName = "bench-scenario:" + spec.Id,
        };
        _control = await RpcClient.ConnectAsync(uri, clientOptions with { ClientName = "bench-control" }, cancellationToken: cancellation);
        _owned.Add(_control);
        if (ScenarioIds.IsRaw(spec.Id))
        {
            _rawClients = new RawRpcClient[Settings.Channels];
            for (var i = 0; i < _rawClients.Length; i++)
            {
                _rawClients[i] = await RawRpcClient.ConnectAsync(uri, _topic + ".raw", Settings.Persistent, Settings.EffectiveRoute(spec.Id) == "queue" ? string.Empty : "openstack", cancellation);
                _owned.Add(_rawClients[i]);
            }

            return;
        }

        _clients = new RpcClient[Settings.Channels];
        for (var i = 0; i < _clients.Length; i++)
        {
            _clients[i] = await RpcClient.ConnectAsync(uri, clientOptions, cancellationToken: cancellation);
            _owned.Add(_clients[i]);
        }
    }

    private ServiceOptions WorkerOptions(string server) => new()
    {
        Topic = _topic,
        Host = server,
        Prefetch = Settings.Prefetch,
        AckMode = Settings.Ack,
        QueueKind = Settings.QueueType,
        Durable = Settings.Durable,
        RateLimits = Settings.WorkerRateLimit is { } limit ? new Dictionary<string, double> { [MethodOf(spec.Id)] = limit } : new Dictionary<string, double>(),
    };

    private List<string> WorkerArguments()
    {
        var arguments = new List<string>
        {
            "--topic", _topic, "--quiet",
            "--prefetch", Settings.Prefetch.ToString(CultureInfo.InvariantCulture),
            "--ack", Settings.Ack == AckMode.OnReceipt ? "receipt" : "after",
            "--queue-type", Settings.QueueType == QueueKind.Quorum ? "quorum" : "classic",
        };
        if (Settings.Durable)
        {
            arguments.Add("--durable");
        }

        if (ScenarioIds.IsRaw(spec.Id))
        {
            arguments.Add("--raw");
        }

        if (Objects.ObjectScenarios.Is(spec.Id))
        {
            arguments.Add("--conductor");
        }

        if (Settings.WorkerRateLimit is { } limit)
        {
            arguments.Add("--rate-limit");
            arguments.Add(MethodOf(spec.Id) + "=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        return arguments;
    }

    private static string MethodOf(string id) => id switch
    {
        ScenarioIds.CallNova => "echo",
        ScenarioIds.CastCount or ScenarioIds.FanoutCount => "count",
        _ when Objects.ObjectScenarios.Is(id) => Objects.ObjectScenarios.MethodOf(id),
        _ => id["call.".Length..],
    };

    private Func<StepContext, ValueTask<StepResult>> BuildStep()
    {
        var timeout = TimeSpan.FromSeconds(Settings.TimeoutSeconds);
        switch (spec.Id)
        {
            case ScenarioIds.HarnessNull:
                return static _ => new ValueTask<StepResult>(StepResult.Ok);
            case ScenarioIds.RawCall:
            {
                var payload = Payloads.Payloads.Raw(Settings.PayloadBytes);
                var clients = _rawClients;
                return ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].CallAsync(payload, timeout));
            }

            case ScenarioIds.RawCast:
            {
                var payload = Payloads.Payloads.Raw(Settings.PayloadBytes);
                var clients = _rawClients;
                return ctx => StepOutcomes.FromCast(clients[Pick(ctx, clients.Length)].CastAsync(payload));
            }

            case ScenarioIds.CastCount:
            case ScenarioIds.FanoutCount:
            {
                var args = Payloads.Payloads.Echo(Settings.PayloadBytes);
                var target = spec.Id == ScenarioIds.FanoutCount ? Target.AsFanout() : Target;
                var clients = _clients;
                return ctx => StepOutcomes.FromCast(clients[Pick(ctx, clients.Length)].CastAsync(target, "count", args, null, stampSendTime: true));
            }

            case var id when Objects.ObjectScenarios.Is(id):
                return Objects.ObjectScenarios.BuildStep(id, _clients, Target, timeout);

            default:
            {
                var (method, args) = spec.Id switch
                {
                    ScenarioIds.CallAdd => ("add", Payloads.Payloads.Add),
                    ScenarioIds.CallEcho => ("echo", Payloads.Payloads.Echo(Settings.PayloadBytes)),
                    ScenarioIds.CallNova => ("echo", Payloads.Payloads.Nova),
                    ScenarioIds.CallSleep => ("sleep", Payloads.Payloads.Sleep(Settings.SleepMs)),
                    _ => throw new InvalidOperationException("unknown scenario " + spec.Id),
                };
                var target = Target;
                var clients = _clients;
                return ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].TryCallAsync(target, method, args, timeout, discardResult: true));
            }
        }
    }

    private static int Pick(StepContext ctx, int count) => count == 1 ? 0 : (int)((ctx.VirtualUser >= 0 ? ctx.VirtualUser : ctx.Invocation) % count);

    private string StatsMethod => ScenarioIds.IsRaw(spec.Id) ? "raw_stats" : "stats";

    private async Task<List<WorkerStats>> WorkerStatsAsync(CancellationToken cancellation)
    {
        var all = new List<WorkerStats>();
        foreach (var (server, _) in _workers)
        {
            var stats = await _control!.CallAsync<WorkerStats>(Target.WithServer(server), StatsMethod, RpcArgs.Empty, TimeSpan.FromSeconds(60), cancellationToken: cancellation);
            all.Add(stats ?? throw new InvalidOperationException("worker " + server + " returned no stats"));
        }

        return all;
    }

    /// <summary>Waits until the workers have received <paramref name="expected"/> casts each, or they stop arriving.</summary>
    private async Task<List<WorkerStats>> WaitForDeliveriesAsync(long expected, CancellationToken cancellation)
    {
        var perWorker = spec.Id == ScenarioIds.FanoutCount ? expected : -1;
        var stalled = DateTime.UtcNow;
        long last = -1;
        while (true)
        {
            var stats = await WorkerStatsAsync(CancellationToken.None);
            var received = stats.Sum(s => s.Received);
            var done = perWorker >= 0 ? stats.All(s => s.Received >= perWorker) : received >= expected;
            if (done || cancellation.IsCancellationRequested || DateTime.UtcNow - stalled > TimeSpan.FromSeconds(15))
            {
                return stats;
            }

            if (received != last)
            {
                last = received;
                stalled = DateTime.UtcNow;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task ResetWorkerStatsAsync(long warmUpSent, CancellationToken cancellation)
    {
        await WaitForDeliveriesAsync(warmUpSent, cancellation);
        foreach (var (server, _) in _workers)
        {
            await _control!.CallAsync<JsonElement>(Target.WithServer(server), StatsMethod + "_reset", RpcArgs.Empty, TimeSpan.FromSeconds(60), cancellationToken: cancellation);
        }
    }

    private async Task<ScenarioRecord> WithWorkerMeasurementsAsync(ScenarioRecord record, ScenarioResult result, CancellationToken cancellation)
    {
        var stats = _delivered ?? await WaitForDeliveriesAsync(result.Ok, cancellation);
        var merged = new LatencyHistogram();
        foreach (var s in stats)
        {
            merged.Add(s.OneWay.ToHistogram());
        }

        var received = stats.Sum(s => s.Received);
        var first = stats.Where(s => s.Received > 0).Select(s => s.FirstTicks).DefaultIfEmpty(0).Min();
        var lastArrival = stats.Select(s => s.LastTicks).DefaultIfEmpty(0).Max();
        var window = lastArrival > first ? (lastArrival - first) / (double)System.Diagnostics.Stopwatch.Frequency : 0;
        var expected = spec.Id == ScenarioIds.FanoutCount ? result.Ok * _workers.Count : result.Ok;
        var notes = record.Notes;
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"throughput measured at the worker{(_workers.Count > 1 ? "s" : string.Empty)}: {received:N0} deliveries over {window:0.000} s from first to last arrival"));
        var rejected = stats.Sum(s => s.Rejected);
        if (rejected > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{rejected:N0} messages were rejected by the worker (dead-lettered): see its dead-letter queue"));
        }

        if (received < expected)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{expected - received:N0} of {expected:N0} expected deliveries never arrived"));
        }

        return record with
        {
            OneWay = LatencyRecord.From(merged),
            Throughput = window > 0 ? received / window : 0,
            // Checked against the other side: every cast the client sent must have arrived at a worker, or the
            // run's accounting does not hold (a lost delivery is a failure of the measurement, not a footnote).
            Counts = record.Counts with { Delivered = received, Rejected = rejected, Accounted = record.Counts.Accounted && rejected == 0 && received == expected },
        };
    }
}

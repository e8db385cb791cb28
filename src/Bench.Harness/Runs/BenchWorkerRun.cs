using System.Globalization;
using System.Text.Json;
using Bench.Harness.Definitions;
using Bench.Harness.Faults;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Raw;

namespace Bench.Harness.Runs;

/// <summary>
/// Runs a scenario served by Bench's own workers: starts them (child processes by default, so client and worker do
/// not share a runtime; supervised, so a death is seen and reported), connects the clients, drives the scenario's
/// step, and for casts collects what the workers measured. Everything it starts it stops.
/// </summary>
public sealed class BenchWorkerRun(RunSession session, ScenarioSpec spec, WorkerScenario scenario) : ScenarioRun(session, spec), IWorkerRunContext
{
    private readonly List<(string Server, int? Pid)> _workers = [];
    private readonly string _topic = "bench." + spec.Id + "." + Guid.NewGuid().ToString("N")[..8];
    private readonly ScenarioClock _clock = new();
    private List<WorkerStats>? _delivered;
    private WorkerSupervisor? _supervisor;
    private string? _ledgerDirectory;
    private long _warmUpSent;
    private ClusterRecord? _cluster;

    /// <summary>This spec's own faults (a suite's fault runs) or else the run's --fault.</summary>
    private IReadOnlyList<FaultSpec> Faults => Spec.Faults ?? Session.Faults;

    /// <summary>The queue the scenario's requests go to: the one whose leader a node fault aims at.</summary>
    private string Queue => scenario.Role == WorkerRole.Raw ? _topic + ".raw" : _topic;

    /// <summary>The broker view samples the topic's queues (the topic, topic.server, the raw baseline's topic.raw).</summary>
    protected override Func<string, bool> BrokerQueues => q => q.StartsWith(_topic, StringComparison.Ordinal);

    /// <summary>The workers' topic.</summary>
    public Target Target => new(_topic);

    /// <summary>The run's settings, for the scenario's step.</summary>
    public new ScenarioSettings Settings => base.Settings;

    public new TimeSpan Timeout => base.Timeout;

    /// <summary>oslo clients, one per --channels (empty for the raw baseline).</summary>
    public RpcClient[] Clients { get; private set; } = [];

    /// <summary>Plain RabbitMQ.Client clients of the raw baseline, one per --channels.</summary>
    public RawRpcClient[] RawClients { get; private set; } = [];

    /// <summary>A client for the workers' own control methods (stats, resets), apart from the measured ones.</summary>
    public RpcClient Control { get; private set; } = null!;

    public IReadOnlyList<(string Server, int? Pid)> Workers => _workers;

    /// <summary>The hops of stamped calls (oslo calls with --hops on), or null.</summary>
    private CallHopRecorder? _hops;

    public override async Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        await SetUpAsync(cancellation);
        var cpu = CpuSources(_workers.Where(w => w.Pid is not null).Select(w => new CpuSource(_workers.Count == 1 ? "worker" : "worker:" + w.Server, w.Pid!.Value)
        {
            // Asked of the worker over the control client (Nova's conductor does not host the benchmark manager's method).
            WorkItems = scenario.Role == WorkerRole.Conductor ? null : AskCount(Control, Target.WithServer(w.Server), "thread_pool_work_items"),
            JitMethods = scenario.Role == WorkerRole.Conductor ? null : AskCount(Control, Target.WithServer(w.Server), "jit_compiled_methods"),
        }));
        var isCast = scenario.Kind is ScenarioKind.Cast or ScenarioKind.Fanout;
        using var injector = new FaultInjector(Faults, _clock, Session.PrivateNode, _supervisor, Session.Warn, Settings.TimeoutSeconds);
        var result = await DriveAsync(scenario.BuildStep(this), cpu, onProgress, cancellation,
            beforeMeasurement: async (warmUp, ct) =>
            {
                _warmUpSent = warmUp;
                if (isCast)
                {
                    await ResetWorkerStatsAsync(warmUp, ct);
                }

                await scenario.BeforeMeasurementAsync(this, ct);
                if (Session.Cluster is { } cluster)
                {
                    _cluster = await ClusterPlacement.ReadAsync(cluster, Queue, Settings.QueueType, ct);
                    injector.Cluster = (cluster, _cluster);
                }

                _hops?.Reset();
                injector.Start(); // also starts the clock that worker events are timed by
            },

            // Casts: the workers' and the broker's work on the backlog happens after the client stops publishing, so
            // the run (and its CPU reading) ends when the workers have received what was sent, not before.
            afterDrain: isCast ? async (ok, ct) => _delivered = await WaitForDeliveriesAsync(ok, ct) : null);
        if (_supervisor is not null)
        {
            await _supervisor.SettleAsync();
        }

        var record = await RecordAsync(result, isCast ? "one-way (at worker)" : "round-trip");
        record = record with
        {
            Faults = await injector.FinishAsync(record.Timeline, Clients.Sum(c => c.Connection.BlockedCount)),
            WorkerEvents = [.. _supervisor?.Events ?? []],
        };
        if (Settings.InProcess)
        {
            record.Notes.Add("workers ran in the client's process: their CPU is in the client's figure");
        }

        if (_hops is not null)
        {
            // Bench's workers are always this host's children (or in this process): one monotonic clock.
            record = record with { Hops = _hops.Finish(), HopsClock = "monotonic (one host)" };
            if (_hops.Sampled < Clients.Length)
            {
                record.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"hops recorded on {_hops.Sampled} of {Clients.Length} client connections"));
            }
        }

        if (!Session.PrivateBroker)
        {
            record.Notes.Add("external broker: its CPU is not measured");
        }

        if (Session.Cluster is { } onCluster && _cluster is not null)
        {
            record = record with { Cluster = await ClusterPlacement.WithEndAsync(onCluster, _cluster, record.Notes) };
            // Three nodes, the workers and the client share the machine's cores: say who used them.
            record.Notes.Add("CPU seconds in the measured window: " + string.Join(", ", record.Cost.Select(c => c.Process + " " + c.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture)))
                + (record.Cost.Count(c => c.Process.StartsWith("broker:", StringComparison.Ordinal)) < onCluster.Nodes.Count ? " (a node missing here was killed: its CPU went with its pid)" : string.Empty));
        }

        record = await scenario.CompleteAsync(this, record);
        record = isCast ? await WithWorkerMeasurementsAsync(record, result, cancellation) : record;
        if (_ledgerDirectory is null)
        {
            return record;
        }

        // With a ledger (fault runs), deliveries are counted by unique id across every worker process, killed ones
        // included: that, not a restarted worker's fresh counters, says whether every cast arrived.
        var sent = _warmUpSent + result.Ok;
        var ledger = await PollAsync(() => Task.FromResult(CastLedgerFile.Read(_ledgerDirectory, sent)), l => l.ReceivedUnique >= sent, l => l.ReceivedUnique,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200), CancellationToken.None);
        // A restarted worker's counters began again at its start, so its stats alone undercount: the ledger's unique
        // deliveries (less the warm-up's) are the deliveries, and with a restart the throughput is taken over the run's
        // issue and drain time, not over the newest worker's first and last arrival.
        var delivered = Math.Max(0, ledger.ReceivedUnique - _warmUpSent);
        var restarted = record.WorkerEvents.Any(e => e.Event == "restarted");
        var sendAndDrain = record.IssueSeconds + record.DrainSeconds;
        if (restarted)
        {
            record.Notes.RemoveAll(n => n.Contains("expected deliveries never arrived", StringComparison.Ordinal) || n.StartsWith("throughput measured at the worker", StringComparison.Ordinal));
            record.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"a worker restarted: {delivered:N0} deliveries counted by unique id across every worker process, over the run's {sendAndDrain:0.0} s of sending and draining"));
        }

        return record with
        {
            CastLedger = ledger,
            Throughput = restarted && sendAndDrain > 0 ? delivered / sendAndDrain : record.Throughput,
            Counts = record.Counts with { Delivered = delivered, Accounted = result.Accounted && ledger.Lost == 0 && (record.Counts.Rejected ?? 0) == 0 },
        };
    }

    /// <summary>Calls a control method (stats, resets) on every worker in turn.</summary>
    public async Task<List<T>> ForEachWorkerAsync<T>(string method, CancellationToken cancellation)
    {
        var all = new List<T>();
        foreach (var (server, _) in _workers)
        {
            var answer = await Control.CallAsync<T>(Target.WithServer(server), method, RpcArgs.Empty, TimeSpan.FromSeconds(60), cancellationToken: cancellation);
            all.Add(answer ?? throw new InvalidOperationException($"worker {server} returned nothing for {method}"));
        }

        return all;
    }

    private async Task SetUpAsync(CancellationToken cancellation)
    {
        var uri = BrokerUri;
        var rateLimits = Settings.WorkerRateLimit is { } limit ? new Dictionary<string, double> { [scenario.RateLimitedMethod] = limit } : new Dictionary<string, double>();
        for (var i = 0; i < Settings.Workers; i++)
        {
            var server = "w" + i.ToString(CultureInfo.InvariantCulture);
            if (Settings.InProcess)
            {
                var options = WorkerSettings.ServiceOptions(Settings, _topic, server, rateLimits);
                Owned.Add(scenario.Role == WorkerRole.Conductor
                    ? await InProcessConductor.StartAsync(Placed(uri, Settings.Channels + i), options, cancellation)
                    : (IAsyncDisposable)await InProcessWorker.StartAsync(Placed(uri, Settings.Channels + i), options, scenario.Role == WorkerRole.Raw, cancellation));
                _workers.Add((server, null));
                continue;
            }

            if (_supervisor is null)
            {
                var environment = new Dictionary<string, string>();
                if (Faults.Count > 0 && scenario.KeepsCastLedger)
                {
                    _ledgerDirectory = Directory.CreateTempSubdirectory("bench-ledger-").FullName;
                    Owned.Add(new DisposeAction(() => Directory.Delete(_ledgerDirectory, recursive: true)));
                    environment[CastLedgerFile.EnvironmentVariable] = _ledgerDirectory;
                }

                var arguments = WorkerArguments(rateLimits);
                // Each worker connects through its own node first (--connect): its place after the clients'.
                _supervisor = new WorkerSupervisor(_clock, (name, ct) => WorkerProcess.StartAsync(arguments, name,
                    new Dictionary<string, string>(environment).Concat(RunSession.ChildEnvironment(Placed(uri, Settings.Channels + WorkerIndex(name)))).ToDictionary(), ct), Session.Warn);
                Owned.Add(_supervisor);
            }

            var worker = await _supervisor.StartAsync(server, cancellation);
            _workers.Add((server, worker.ProcessId));
        }

        var route = Settings.Route ?? scenario.DefaultRoute;
        var clientOptions = OsloClientOptions("bench-scenario:" + Spec.Id) with { PublishToQueue = route == "queue", StampHops = scenario.StampsHops && Settings.Hops };
        Control = Owned.Add(await RpcClient.ConnectAsync(uri, clientOptions with { ClientName = "bench-control" }, cancellationToken: cancellation));
        if (scenario.Role == WorkerRole.Raw)
        {
            RawClients = new RawRpcClient[Settings.Channels];
            for (var i = 0; i < RawClients.Length; i++)
            {
                RawClients[i] = Owned.Add(await RawRpcClient.ConnectAsync(Placed(uri, i), _topic + ".raw", Settings.Persistent, route == "queue" ? string.Empty : "openstack", cancellation));
            }

            return;
        }

        Clients = new RpcClient[Settings.Channels];
        for (var i = 0; i < Clients.Length; i++)
        {
            Clients[i] = Owned.Add(await RpcClient.ConnectAsync(Placed(uri, i), clientOptions with { ClientName = clientOptions.ClientName + ":c" + i.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellation));
        }

        _hops = clientOptions.StampHops ? new CallHopRecorder(Clients) : null;
    }

    /// <summary>
    /// On a cluster, the address of the process at <paramref name="index"/> (clients first, then workers): node index
    /// mod N with --connect spread, the first node with --connect first; the other nodes follow for recovery.
    /// </summary>
    private Uri Placed(Uri uri, int index) => ClusterAddress.Prefer(uri, Settings.Connect == "first" ? 0 : index);

    private static int WorkerIndex(string server) => int.Parse(server.AsSpan(1), CultureInfo.InvariantCulture);

    private List<string> WorkerArguments(IReadOnlyDictionary<string, double> rateLimits)
    {
        var arguments = new List<string> { "--topic", _topic, "--quiet" };
        arguments.AddRange(WorkerSettings.Arguments(Settings));
        arguments.AddRange(scenario.Role switch
        {
            WorkerRole.Raw => ["--raw"],
            WorkerRole.Conductor => ["--conductor"],
            _ => [],
        });
        foreach (var (method, limit) in rateLimits)
        {
            arguments.AddRange(["--rate-limit", method + "=" + limit.ToString(CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    private string StatsMethod => scenario.Role == WorkerRole.Raw ? "raw_stats" : "stats";

    /// <summary>Waits until the workers have received <paramref name="expected"/> casts (each, for a fanout), or they stop arriving.</summary>
    private Task<List<WorkerStats>> WaitForDeliveriesAsync(long expected, CancellationToken cancellation) =>
        PollAsync(() => ForEachWorkerAsync<WorkerStats>(StatsMethod, CancellationToken.None),
            stats => scenario.Kind == ScenarioKind.Fanout ? stats.All(s => s.Received >= expected) : stats.Sum(s => s.Received) >= expected,
            stats => stats.Sum(s => s.Received), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100), cancellation);

    private async Task ResetWorkerStatsAsync(long warmUpSent, CancellationToken cancellation)
    {
        await WaitForDeliveriesAsync(warmUpSent, cancellation);
        await ForEachWorkerAsync<JsonElement>(StatsMethod + "_reset", cancellation);
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
        var expected = scenario.Kind == ScenarioKind.Fanout ? result.Ok * _workers.Count : result.Ok;
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

using Bench.Harness.Definitions;
using Bench.Harness.Faults;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Rpc.Wire;
using Bench.Scenarios.Baseline;
using Bench.Scenarios.Celery;
using Bench.Scenarios.Harness;
using Bench.Scenarios.Objects;
using Bench.Scenarios.Oslo;

namespace Bench.Scenarios.Catalog;

/// <summary>
/// The named suites. The default (about two minutes) puts every report's headline beside its baseline: the RPC
/// call and cast against plain RabbitMQ.Client at 1 and 64 outstanding, the harness's own cost, a realistic Nova
/// payload and an open-model run. "full" sweeps the settings; "million" is the seed's benchmark.
/// </summary>
internal static class Suites
{
    public static IReadOnlyList<string> Names { get; } = ["default", "quick", "full", "million", "celery", "cluster"];

    public static IReadOnlyList<ScenarioSpec> Get(string name) => name switch
    {
        "default" => Default(),
        "quick" => Quick(),
        "full" => Full(),
        "million" => Million(),
        "celery" => Celery(),
        "cluster" => Cluster(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown suite"),
    };

    private static List<ScenarioSpec> Default()
    {
        var s = new ScenarioSettings { DurationSeconds = 8, WarmUpSeconds = 2 };
        return
        [
            new(ScenarioCatalog.Get<HarnessNull>(), s with { DurationSeconds = 4, WarmUpSeconds = 1 }),
            // Each Bench scenario beside a raw one on the same route (oslo's topic exchange), ack mode and queue type;
            // the 64-outstanding raw call is also measured straight to the queue, to show what the exchange costs.
            new(ScenarioCatalog.Get<RawCall>(), s with { Outstanding = 1, PayloadBytes = Payloads.Payloads.AddBytes, Route = "exchange" }),
            new(ScenarioCatalog.Get<CallAdd>(), s with { Outstanding = 1 }),
            new(ScenarioCatalog.Get<RawCall>(), s with { Outstanding = 64, PayloadBytes = Payloads.Payloads.AddBytes }),
            new(ScenarioCatalog.Get<RawCall>(), s with { Outstanding = 64, PayloadBytes = Payloads.Payloads.AddBytes, Route = "exchange" }),
            new(ScenarioCatalog.Get<CallAdd>(), s with { Outstanding = 64 }),
            // Casts twice: a flood gives the drain throughput (its "one-way latency" is the backlog it builds, so it
            // is not judged as latency); then an open model at half its own capacity (a short rate search scaled by
            // that drain finds it: the open model costs the client far more per cast than the flood, so half the
            // drain was not below capacity) gives one-way latency below capacity.
            new(ScenarioCatalog.Get<RawCast>(), s with { Outstanding = 8, Requests = 200_000, PayloadBytes = Payloads.Payloads.AddBytes, Route = "exchange" }),
            new(ScenarioCatalog.Get<CastCount>(), s with { Outstanding = 8, Requests = 200_000, PayloadBytes = Payloads.Payloads.AddBytes }),
            new(ScenarioCatalog.Get<RawCast>(), s with { RateOfCapacity = 0.5, DurationSeconds = 5, PayloadBytes = Payloads.Payloads.AddBytes, Route = "exchange" }),
            new(ScenarioCatalog.Get<CastCount>(), s with { RateOfCapacity = 0.5, DurationSeconds = 5, PayloadBytes = Payloads.Payloads.AddBytes }),
            new(ScenarioCatalog.Get<CallEcho>(), s with { Outstanding = 16, PayloadBytes = 1024 }),
            new(ScenarioCatalog.Get<CallNova>(), s with { Outstanding = 16 }),
            new(ScenarioCatalog.Get<ObjectsGet>(), s with { Outstanding = 16 }),
            new(ScenarioCatalog.Get<CallAdd>(), s with { Rate = 2000 }),
        ];
    }

    private static List<ScenarioSpec> Quick()
    {
        var s = new ScenarioSettings { DurationSeconds = 3, WarmUpSeconds = 1 };
        return
        [
            new(ScenarioCatalog.Get<HarnessNull>(), s),
            new(ScenarioCatalog.Get<RawCall>(), s with { Outstanding = 64, PayloadBytes = Payloads.Payloads.AddBytes }),
            new(ScenarioCatalog.Get<CallAdd>(), s with { Outstanding = 1 }),
            new(ScenarioCatalog.Get<CallAdd>(), s with { Outstanding = 64 }),
            new(ScenarioCatalog.Get<CastCount>(), s with { Outstanding = 8, Requests = 30_000, PayloadBytes = Payloads.Payloads.AddBytes }),
        ];
    }

    private static List<ScenarioSpec> Full()
    {
        var s = new ScenarioSettings { DurationSeconds = 10, WarmUpSeconds = 2 };
        var c64 = s with { Outstanding = 64 };
        var specs = Default();
        specs.AddRange(
        [
            new(ScenarioCatalog.Get<CallEcho>(), s with { Outstanding = 16, PayloadBytes = 100 }),
            new(ScenarioCatalog.Get<CallEcho>(), s with { Outstanding = 16, PayloadBytes = 65_536 }),
            new(ScenarioCatalog.Get<CallSleep>(), s with { Outstanding = 64, SleepMs = 1 }),
        ]);
        // With hops: where the time goes is what explains a prefetch comparison (the stamps' own cost is why they are off elsewhere).
        specs.AddRange(new ushort[] { 1, 10, 100 }.Select(p => new ScenarioSpec(ScenarioCatalog.Get<CallAdd>(), c64 with { Prefetch = p, Hops = true })));
        specs.AddRange(
        [
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Transport = ReplyTransport.DirectReplyTo }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Persistent = false }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Durable = true }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { QueueType = QueueKind.Quorum }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Envelope = EnvelopeFormat.Plain }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Ack = AckMode.AfterHandling, Prefetch = 100 }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Channels = 8 }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Route = "queue" }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { Workers = 2 }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { InProcess = true }),
            new(ScenarioCatalog.Get<CallAdd>(), c64 with { WorkerRateLimit = 5000 }),
            new(ScenarioCatalog.Get<CastCount>(), s with { Outstanding = 8, Requests = 200_000, PayloadBytes = Payloads.Payloads.AddBytes, Confirms = true }),
            new(ScenarioCatalog.Get<FanoutCount>(), s with { Outstanding = 8, Requests = 50_000, PayloadBytes = Payloads.Payloads.AddBytes, Workers = 3 }),
        ]);
        specs.AddRange(new double[] { 1000, 2000, 4000, 8000, 12000 }.Select(r => new ScenarioSpec(ScenarioCatalog.Get<CallAdd>(), s with { Rate = r })));
        return specs;
    }

    /// <summary>
    /// The seed's benchmark against the real thing: tasks.add by apply_async + get over rpc://, with the real Celery 5.2
    /// worker under the Celery author's knobs (prefetch multiplier, rate limits off, pool, acks_late), then Bench's C#
    /// worker and the real Python client, so client cost and worker cost can be told apart; and casts drained.
    /// </summary>
    private static List<ScenarioSpec> Celery()
    {
        // Calls run for a fixed time, not a count: some Celery settings (prefetch multiplier 1) answer a few calls a second,
        // and a count would make them run for minutes. Every request is still counted.
        var s = new ScenarioSettings { DurationSeconds = 5, WarmUpSeconds = 1 };
        // Casts: no warm-up — a closed-model warm-up publishes as fast as the broker takes it, and a Python worker would
        // then spend the run draining it.
        var castPython = s with { Requests = 20_000, Outstanding = 4, WarmUpSeconds = 0 };
        return
        [
            new(ScenarioCatalog.Get<CeleryAdd>(), s),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryRateLimits = false }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryRateLimits = false, PrefetchMultiplier = 1 }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryRateLimits = false, PrefetchMultiplier = 0 }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryRateLimits = false, AcksLate = true }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryRateLimits = false, Pool = "prefork", Concurrency = 2, Outstanding = 2 }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { TaskRateLimit = "200/s" }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryWorker = "bench" }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryWorker = "bench", Outstanding = 32, PrefetchMultiplier = 0, Concurrency = 32, Pool = "prefork" }),
            // The same load on plain RabbitMQ.Client (acks, answers, runs nothing): the floor the C# worker's cost stands on.
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryWorker = "raw", Outstanding = 32, PrefetchMultiplier = 0, Concurrency = 32, Pool = "prefork" }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryClient = "python", Requests = 3000 }),
            new(ScenarioCatalog.Get<CeleryAdd>(), s with { CeleryClient = "python", CeleryWorker = "bench", Requests = 3000 }),
            // Draining casts: a solo Celery worker with the default prefetch multiplier (4) — or "unlimited" — drains a deep
            // queue at ~20 tasks/s here; with 64 it drains ~2,800/s. Both are measured (the default with few tasks).
            new(ScenarioCatalog.Get<CeleryAddCast>(), castPython with { PrefetchMultiplier = 64 }),
            new(ScenarioCatalog.Get<CeleryAddCast>(), castPython with { Requests = 200 }),
            new(ScenarioCatalog.Get<CeleryAddCast>(), castPython with { CeleryWorker = "bench", Requests = 100_000, PrefetchMultiplier = 64 }),
            new(ScenarioCatalog.Get<CeleryAddCast>(), castPython with { CeleryClient = "python", Requests = 10_000, Outstanding = 1, PrefetchMultiplier = 64 }),
        ];
    }

    /// <summary>
    /// What a cluster costs and what a node's death does (about 5 minutes with the cluster's start): calls on a classic
    /// queue on one node, on three, and on a quorum queue on three; then, on the quorum queue, a leader kill and a
    /// follower kill, each under calls (downtime, calls failed) and under confirmed, ack-after casts (lost, duplicated).
    /// One-node specs come first: the run starts one broker of each size, once.
    /// </summary>
    private static List<ScenarioSpec> Cluster()
    {
        var calls = new ScenarioSettings { DurationSeconds = 8, WarmUpSeconds = 1, Outstanding = 16 };
        var quorum = calls with { Nodes = 3, QueueType = QueueKind.Quorum };
        // Fault runs: a call lost with its node times out after 5 s, inside the run; the killed node is back after 4 s.
        var faulted = quorum with { DurationSeconds = 14, TimeoutSeconds = 5 };
        var casts = faulted with { Outstanding = 8, Ack = AckMode.AfterHandling, Confirms = true };
        List<ScenarioSpec> specs =
        [
            new(ScenarioCatalog.Get<CallAdd>(), calls),
            new(ScenarioCatalog.Get<CallAdd>(), calls with { Nodes = 3 }),
            new(ScenarioCatalog.Get<CallAdd>(), quorum),
        ];
        foreach (var fault in new[] { "node-kill:leader@4s+4s", "node-kill:follower@4s+4s" })
        {
            IReadOnlyList<FaultSpec> faults = [FaultSpec.Parse(fault)];
            specs.Add(new(ScenarioCatalog.Get<CallAdd>(), faulted) { Faults = faults });
            specs.Add(new(ScenarioCatalog.Get<CastCount>(), casts) { Faults = faults });
        }

        return specs;
    }

    private static List<ScenarioSpec> Million() =>
    [
        new(ScenarioCatalog.Get<CallAdd>(), new ScenarioSettings { Outstanding = 64, Requests = 1_000_000, WarmUpSeconds = 5 }),
    ];
}

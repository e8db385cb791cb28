using Bench.Harness.Definitions;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Rpc.Wire;
using static Bench.Harness.Options.OptionParsers;

namespace Bench.Harness.Options;

/// <summary>
/// Every option of `bench run` and `bench worker`, once: its name, how it is parsed and applied, its one-line
/// description and its default. `run` sweeps the settings from it, `worker` configures itself from it, a run passes
/// its settings to child workers by formatting them back, scenario files name settings as here, results record them
/// by <see cref="SettingOption.Key"/>, and `--help` lists it. A new setting is one entry here (and the scenario
/// families that record it).
/// </summary>
public static class OptionTable
{
    private const OptionScope Both = OptionScope.Run | OptionScope.Worker;

    // The load model (recorded as model/outstanding/rate/arrivals and the extent: see ScenarioDefinition.Describe).
    public static readonly SettingOption Outstanding = SettingOption.Of("outstanding", "outstanding", "N", "closed model: requests kept in flight", OptionScope.Run,
        v => Int(v, "outstanding", 1, 100_000), (s, v) => s with { Outstanding = v, Rate = null, RateOfCapacity = null, RampTo = null }, s => s.Outstanding, v => Number(v));

    public static readonly SettingOption Rate = SettingOption.Of("rate", "rate", "PER_SECOND", "open model: requests started at this rate whatever the system does", OptionScope.Run,
        v => (double?)Double(v, "rate", 0.001, 10_000_000), (s, v) => s with { Rate = v, RateOfCapacity = null }, s => s.Rate, v => v is { } r ? Number(r) : "none (closed model)");

    public static readonly SettingOption RampTo = SettingOption.Of("ramp-to", "rampTo", "PER_SECOND", "open model: the rate moves linearly from --rate to this over the duration", OptionScope.Run,
        v => (double?)Double(v, "ramp-to", 0.001, 10_000_000), (s, v) => s with { RampTo = v }, s => s.RampTo, v => v is { } r ? Number(r) : "none");

    public static readonly SettingOption Arrivals = SettingOption.Of("arrivals", "arrivals", "uniform|poisson", "open model: evenly spaced arrivals, or Poisson ones with the same mean (fixed seed)", OptionScope.Run,
        v => Choice(v, "arrivals", ("uniform", Load.Arrivals.Uniform), ("poisson", Load.Arrivals.Poisson)), (s, v) => s with { Arrivals = v }, s => s.Arrivals,
        v => v == Load.Arrivals.Poisson ? "poisson" : "uniform");

    public static readonly SettingOption Requests = SettingOption.Of("requests", "requests", "N", "stop after this many requests (instead of --duration)", OptionScope.Run,
        v => (long?)Long(v, "requests", 1, 1_000_000_000_000), (s, v) => s with { Requests = v }, s => s.Requests, v => v is { } n ? Number(n) : "none (--duration)");

    public static readonly SettingOption Duration = SettingOption.Of("duration", "duration", "SECONDS", "measure for this long", OptionScope.Run,
        v => Double(v, "duration", 0.1, 86_400), (s, v) => s with { DurationSeconds = v, Requests = null }, s => s.DurationSeconds, Number);

    public static readonly SettingOption WarmUp = SettingOption.Of("warmup", "warmup", "SECONDS", "load before the measurement, not recorded; longer (up to 10 s more) while the client or a Bench worker is still compiling", OptionScope.Run,
        v => Double(v, "warmup", 0, 3600), (s, v) => s with { WarmUpSeconds = v }, s => s.WarmUpSeconds, Number);

    public static readonly SettingOption Timeout = SettingOption.Of("timeout", "timeout", "SECONDS", "a call without a reply by then counts as timed out", OptionScope.Run,
        v => Double(v, "timeout", 0.001, 3600), (s, v) => s with { TimeoutSeconds = v }, s => s.TimeoutSeconds, Number);

    // What is sent.
    public static readonly SettingOption Payload = SettingOption.Of("payload", "payloadBytes", "BYTES", "size of call.echo's and the casts' payload and of the raw baselines' body (call.add and the other calls send fixed arguments)", OptionScope.Run,
        v => Int(v, "payload", 0, 64 << 20), (s, v) => s with { PayloadBytes = v }, s => s.PayloadBytes, v => Number(v)) with { ShownDefault = "1024; cast.count and raw.* 16, the size of add's arguments" };

    public static readonly SettingOption SleepMs = SettingOption.Of("sleep-ms", "sleepMs", "MS", "call.sleep: the service time asked of the worker", OptionScope.Run,
        v => Int(v, "sleep-ms", 0, 3_600_000), (s, v) => s with { SleepMs = v }, s => s.SleepMs, v => Number(v));

    public static readonly SettingOption Tls = SettingOption.Of("tls", "amqp", "off|on", "connect over amqps to the private node's TLS listener (off,on compares them in one run); with --amqp its scheme decides", OptionScope.Run,
        v => OnOff(v, "tls"), (s, v) => s with { Tls = v }, s => s.Tls, v => v ? "amqps" : "amqp") with { OmitDefault = true, ShownDefault = "off" };

    // The private broker: one node or a cluster.
    public static readonly SettingOption Nodes = SettingOption.Of("nodes", "nodes", "N", "private RabbitMQ nodes: 1, or a cluster of N on loopback (join_cluster)", OptionScope.Run,
        v => Int(v, "nodes", 1, 9), (s, v) => s with { Nodes = v }, s => s.Nodes, v => Number(v)) with { OmitDefault = true };

    public static readonly SettingOption Connect = SettingOption.Of("connect", "connect", "spread|first", "on a cluster: connections spread over the nodes (process i on node i mod N) or all on the first", OptionScope.Run,
        v => Choice(v, "connect", ("spread", "spread"), ("first", "first")), (s, v) => s with { Connect = v }, s => s.Connect, v => v) with { OmitDefault = true };

    // Bench's oslo workers and the queues they consume.
    public static readonly SettingOption Prefetch = SettingOption.Of("prefetch", "prefetch", "N|unlimited", "basic.qos per worker consumer (oslo's default: unlimited)", Both,
        v => v == "unlimited" ? (ushort)0 : int.TryParse(v, out _) ? (ushort)Int(v, "prefetch", 0, ushort.MaxValue) : throw new HarnessConfigurationException($"--prefetch must be unlimited or an integer from 0 to {ushort.MaxValue}, not '{v}'"), (s, v) => s with { Prefetch = v }, s => s.Prefetch, v => v == 0 ? "unlimited" : Number(v));

    public static readonly SettingOption Persistent = SettingOption.Of("persistent", "persistent", "true|false", "delivery_mode 2 (oslo's default) or 1", OptionScope.Run,
        v => Bool(v, "persistent"), (s, v) => s with { Persistent = v }, s => s.Persistent, BoolText);

    public static readonly SettingOption Durable = SettingOption.Of("durable", "durable", "true|false", "durable topic queues and exchange (oslo's amqp_durable_queues)", Both,
        v => Bool(v, "durable"), (s, v) => s with { Durable = v }, s => s.Durable, BoolText);

    public static readonly SettingOption QueueType = SettingOption.Of("queue-type", "queueType", "classic|quorum", "the type of the workers' queues", Both,
        v => Choice(v, "queue-type", ("classic", QueueKind.Classic), ("quorum", QueueKind.Quorum)), (s, v) => s with { QueueType = v }, s => s.QueueType,
        v => v == QueueKind.Quorum ? "quorum" : "classic");

    public static readonly SettingOption Ack = SettingOption.Of("ack", "ack", "receipt|after", "workers acknowledge on receipt (oslo) or after handling", Both,
        v => Choice(v, "ack", ("receipt", AckMode.OnReceipt), ("after", AckMode.AfterHandling)), (s, v) => s with { Ack = v }, s => s.Ack,
        v => v == AckMode.OnReceipt ? "receipt" : "after");

    public static readonly SettingOption HandlerTimeout = SettingOption.Of("handler-timeout", "handlerTimeout", "SECONDS|off", "a handler running longer gets a failure reply (or a dead-lettered cast)", Both,
        v => v == "off" ? (double?)null : Double(v, "handler-timeout", 0.001, 86_400), (s, v) => s with { HandlerTimeoutSeconds = v }, s => s.HandlerTimeoutSeconds,
        v => v is { } t ? Number(t) : "off") with { OmitDefault = true };

    public static readonly SettingOption Workers = SettingOption.Of("workers", "workers", "N", "worker processes (each its own consumer)", OptionScope.Run,
        v => Int(v, "workers", 1, 64), (s, v) => s with { Workers = v }, s => s.Workers, v => Number(v));

    public static readonly SettingOption InProcess = SettingOption.Of("in-process", "workerProcess", string.Empty, "workers in the client's process (like nova-combined) instead of child processes", OptionScope.Run,
        v => Bool(v, "in-process"), (s, v) => s with { InProcess = v }, s => s.InProcess, v => v ? "in-process" : "child") with { IsFlag = true };

    public static readonly SettingOption Route = SettingOption.Of("route", "route", "exchange|queue", "requests go through oslo's topic exchange or straight to the queue", OptionScope.Run,
        v => (string?)Choice(v, "route", ("exchange", "exchange"), ("queue", "queue")), (s, v) => s with { Route = v }, s => s.Route, v => v ?? "exchange (oslo), queue (raw)");

    public static readonly SettingOption Channels = SettingOption.Of("channels", "channels", "N", "client connections the requests are spread over", OptionScope.Run,
        v => Int(v, "channels", 1, 1024), (s, v) => s with { Channels = v }, s => s.Channels, v => Number(v));

    public static readonly SettingOption WorkerRateLimit = SettingOption.Of("worker-rate-limit", "workerRateLimit", "PER_SECOND|off", "a worker-side rate limit on the called method, like Celery's rate_limit", OptionScope.Run,
        v => v == "off" ? (double?)null : Double(v, "worker-rate-limit", 0.001, 10_000_000), (s, v) => s with { WorkerRateLimit = v }, s => s.WorkerRateLimit,
        v => v is { } limit ? Number(limit) : "off");

    // The oslo client.
    public static readonly SettingOption Envelope = SettingOption.Of("envelope", "envelope", "oslo2|plain", "oslo's 2.0 envelope (a JSON string inside JSON) or the plain message", OptionScope.Run,
        v => Choice(v, "envelope", ("oslo2", EnvelopeFormat.Oslo2), ("plain", EnvelopeFormat.Plain)), (s, v) => s with { Envelope = v }, s => s.Envelope,
        v => v == EnvelopeFormat.Oslo2 ? "oslo2" : "plain");

    public static readonly SettingOption Transport = SettingOption.Of("transport", "transport", "reply-queue|direct", "replies over a reply queue (oslo) or RabbitMQ's direct reply-to", OptionScope.Run,
        v => Choice(v, "transport", ("reply-queue", ReplyTransport.ReplyQueue), ("direct", ReplyTransport.DirectReplyTo)), (s, v) => s with { Transport = v }, s => s.Transport,
        v => v == ReplyTransport.ReplyQueue ? "reply-queue" : "direct");

    public static readonly SettingOption Confirms = SettingOption.Of("confirms", "confirms", "on|off", "publisher confirms on casts", OptionScope.Run,
        v => OnOff(v, "confirms"), (s, v) => s with { Confirms = v }, s => s.Confirms, OnOffText);

    // oslo's protocol costs, each a setting so its cost is a line in a report; the defaults are oslo's.
    public static readonly SettingOption BrokerView = SettingOption.Of("broker-view", "brokerView", "on|off", "sample the broker's Prometheus endpoint once a second beside the load (off,on measures what that costs)", OptionScope.Run,
        v => OnOff(v, "broker-view"), (s, v) => s with { BrokerView = v }, s => s.BrokerView, OnOffText) with { OmitDefault = true };

    public static readonly SettingOption Hops = SettingOption.Of("hops", "hops", "on|off", "calls carry Bench-only timestamps: the record splits the round trip into hops (Bench's workers only)", OptionScope.Run,
        v => OnOff(v, "hops"), (s, v) => s with { Hops = v }, s => s.Hops, OnOffText) with { OmitDefault = true };

    public static readonly SettingOption Ttl = SettingOption.Of("ttl", "ttl", "on|off", "a call's timeout sent as its per-message TTL (expiration), as oslo does", OptionScope.Run,
        v => OnOff(v, "ttl"), (s, v) => s with { MessageTtl = v }, s => s.MessageTtl, OnOffText) with { OmitDefault = true };

    public static readonly SettingOption ReplyPersistent = SettingOption.Of("reply-persistent", "replyPersistent", "true|false", "workers send replies with delivery_mode 2 (oslo) or 1", Both,
        v => Bool(v, "reply-persistent"), (s, v) => s with { ReplyPersistent = v }, s => s.ReplyPersistent, BoolText) with { OmitDefault = true };

    public static readonly SettingOption ReplyMandatory = SettingOption.Of("reply-mandatory", "replyMandatory", "true|false", "workers publish replies mandatory (oslo: a vanished reply queue is returned)", Both,
        v => Bool(v, "reply-mandatory"), (s, v) => s with { ReplyMandatory = v }, s => s.ReplyMandatory, BoolText) with { OmitDefault = true };

    public static readonly SettingOption ReplyChannel = SettingOption.Of("reply-channel", "replyChannel", "separate|shared", "workers reply on a second channel (oslo) or on the consuming one", Both,
        v => Choice(v, "reply-channel", ("separate", true), ("shared", false)), (s, v) => s with { SeparateReplyChannel = v }, s => s.SeparateReplyChannel,
        v => v ? "separate" : "shared") with { OmitDefault = true };

    // Celery.
    public static readonly SettingOption CeleryWorker = SettingOption.Of("celery-worker", "worker", "python|bench|raw", "celery.*: real Celery 5.2, Bench's C# worker, or the plain RabbitMQ.Client baseline (acks, answers SUCCESS with a null result, runs no task) serves the tasks", OptionScope.Run,
        v => Choice(v, "celery-worker", ("python", "python"), ("bench", "bench"), ("raw", "raw")), (s, v) => s with { CeleryWorker = v }, s => s.CeleryWorker, v => v);

    public static readonly SettingOption CeleryClient = SettingOption.Of("celery-client", "client", "bench|python", "celery.*: Bench's client under the load engine, or the real Python client", OptionScope.Run,
        v => Choice(v, "celery-client", ("bench", "bench"), ("python", "python")), (s, v) => s with { CeleryClient = v }, s => s.CeleryClient, v => v);

    public static readonly SettingOption PrefetchMultiplier = SettingOption.Of("prefetch-multiplier", "prefetchMultiplier", "N|unlimited", "Celery's worker_prefetch_multiplier", OptionScope.Run | OptionScope.CeleryWorker,
        v => v == "unlimited" ? 0 : Int(v, "prefetch-multiplier", 0, 65_535), (s, v) => s with { PrefetchMultiplier = v }, s => s.PrefetchMultiplier, v => v == 0 ? "unlimited" : Number(v));

    public static readonly SettingOption RateLimits = SettingOption.Of("rate-limits", "rateLimits", "on|off", "Celery's rate limits (off: worker_disable_rate_limits)", OptionScope.Run,
        v => OnOff(v, "rate-limits"), (s, v) => s with { CeleryRateLimits = v }, s => s.CeleryRateLimits, OnOffText);

    public static readonly SettingOption TaskRateLimit = SettingOption.Of("task-rate-limit", "taskRateLimit", "N/s|none", "a rate_limit on tasks.add", OptionScope.Run,
        v => v == "none" ? null : v.EndsWith("/s", StringComparison.Ordinal) && Double(v[..^2], "task-rate-limit", 0.001, 10_000_000) > 0 ? v
            : throw new HarnessConfigurationException($"--task-rate-limit must be N/s or none, not '{v}'"),
        (s, v) => s with { TaskRateLimit = v }, s => s.TaskRateLimit, v => v ?? "none");

    public static readonly SettingOption Pool = SettingOption.Of("pool", "pool", "solo|prefork[:N]", "the Celery worker's pool", OptionScope.Run,
        v => v == "solo" ? ("solo", 1) : v.StartsWith("prefork", StringComparison.Ordinal) && (v.Length == 7 || v[7] == ':') ? ("prefork", v.Length > 8 ? Int(v[8..], "pool", 1, 64) : 2)
            : throw new HarnessConfigurationException($"--pool must be solo or prefork[:N], not '{v}'"),
        (s, v) => s with { Pool = v.Item1, Concurrency = v.Item2 }, s => (s.Pool, s.Concurrency), v => v.Item1 == "prefork" ? "prefork:" + Number(v.Item2) : "solo");

    public static readonly SettingOption AcksLate = SettingOption.Of("acks-late", "acksLate", "true|false", "Celery's task_acks_late", OptionScope.Run | OptionScope.CeleryWorker,
        v => Bool(v, "acks-late"), (s, v) => s with { AcksLate = v }, s => s.AcksLate, BoolText);

    /// <summary>Every setting, in help order.</summary>
    public static IReadOnlyList<SettingOption> Settings { get; } =
    [
        Outstanding, Rate, RampTo, Arrivals, Requests, Duration, WarmUp, Timeout, Payload, SleepMs, Tls, Nodes, Connect,
        Prefetch, Persistent, Durable, QueueType, Ack, HandlerTimeout, Workers, InProcess, Route, Channels, WorkerRateLimit,
        Envelope, Transport, Confirms, Hops, BrokerView, Ttl, ReplyPersistent, ReplyMandatory, ReplyChannel,
        CeleryWorker, CeleryClient, PrefetchMultiplier, RateLimits, TaskRateLimit, Pool, AcksLate,
    ];

    /// <summary>The load model and its extent: every scenario takes these.</summary>
    public static IReadOnlyList<SettingOption> LoadSettings { get; } = [Outstanding, Rate, RampTo, Arrivals, Requests, Duration, WarmUp, Timeout];

    /// <summary>The settings a Bench oslo worker takes from the run that starts it (the rest are the client's).</summary>
    public static IReadOnlyList<SettingOption> OsloWorkerSettings { get; } = [Prefetch, Ack, QueueType, Durable, HandlerTimeout, ReplyPersistent, ReplyMandatory, ReplyChannel];

    public static SettingOption? Setting(string name) => Settings.FirstOrDefault(o => o.Name == name);

    private static string BoolText(bool value) => value ? "true" : "false";

    private static string OnOffText(bool value) => value ? "on" : "off";
}

using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Rpc.Wire;

namespace Bench.Harness.Definitions;

/// <summary>
/// Everything a scenario run can vary, as values. How each is parsed, described and recorded is in
/// <see cref="Options.OptionTable"/>; which ones a scenario records (its settings key, so a comparison matches like
/// with like) is the scenario's (<see cref="ScenarioDefinition.Describe"/>).
/// </summary>
public sealed record ScenarioSettings
{
    public int Outstanding { get; init; } = 1;

    /// <summary>Open model at this rate (requests/s) when set; closed model with <see cref="Outstanding"/> otherwise.</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// Open model at this fraction of the open model's own capacity on this machine, found just before the run by a
    /// short rate search (<see cref="Runs.CapacityProbe"/>) whose steps are scaled by the same scenario's closed-model
    /// drain measured earlier in this run (casts: one-way latency below capacity, where it is latency and not backlog
    /// depth). Resolved into <see cref="Rate"/> when the run reaches it; recorded as the fraction, so runs on faster or
    /// slower machines match, and the search in the scenario's rateChoice.
    /// </summary>
    public double? RateOfCapacity { get; init; }

    /// <summary>Open model: the rate moves linearly from <see cref="Rate"/> to this over the duration (a ramp).</summary>
    public double? RampTo { get; init; }

    /// <summary>Open model: evenly spaced arrivals (the default) or Poisson ones with the same mean rate.</summary>
    public Arrivals Arrivals { get; init; }

    /// <summary>Stop after this many requests instead of <see cref="DurationSeconds"/>.</summary>
    public long? Requests { get; init; }

    public double DurationSeconds { get; init; } = 10;

    public double WarmUpSeconds { get; init; } = 2;

    public int PayloadBytes { get; init; } = 1024;

    public int SleepMs { get; init; }

    /// <summary>basic.qos per worker consumer; 0 = unlimited (oslo's default).</summary>
    public ushort Prefetch { get; init; }

    public ReplyTransport Transport { get; init; } = ReplyTransport.ReplyQueue;

    /// <summary>Publisher confirms on casts.</summary>
    public bool Confirms { get; init; }

    /// <summary>delivery_mode 2 (oslo's default) or 1.</summary>
    public bool Persistent { get; init; } = true;

    /// <summary>Durable topic queues and exchange (oslo amqp_durable_queues): with persistent messages, they go to disk.</summary>
    public bool Durable { get; init; }

    public QueueKind QueueType { get; init; } = QueueKind.Classic;

    public EnvelopeFormat Envelope { get; init; } = EnvelopeFormat.Oslo2;

    public AckMode Ack { get; init; } = AckMode.OnReceipt;

    public int Workers { get; init; } = 1;

    /// <summary>Workers in this process (all-in-one, like nova-combined) instead of `bench worker` children.</summary>
    public bool InProcess { get; init; }

    /// <summary>Client connections (each with its own channel) the requests are spread over: 1, or one per outstanding request.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Worker-side rate limit of the called method (calls/s), like Celery's rate_limit; null = none.</summary>
    public double? WorkerRateLimit { get; init; }

    public double TimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// Calls carry Bench-only timestamps, so the record says where the round trip went (hops). Off by default: the
    /// stamps and their histograms cost about 9% of call.add's throughput at 64 outstanding (one interleaved run of
    /// `--hops on,off --repeat 3`), and a harness must not be what it measures; records before hops existed were unstamped.
    /// </summary>
    public bool Hops { get; init; }

    /// <summary>oslo's per-message TTL: a call's timeout sent as the request's expiration.</summary>
    public bool MessageTtl { get; init; } = true;

    /// <summary>Bench's workers send replies persistent (delivery_mode 2), as oslo does.</summary>
    public bool ReplyPersistent { get; init; } = true;

    /// <summary>Bench's workers publish replies mandatory, as oslo does.</summary>
    public bool ReplyMandatory { get; init; } = true;

    /// <summary>Bench's workers reply on a second channel (oslo's), or on the consuming one.</summary>
    public bool SeparateReplyChannel { get; init; } = true;

    /// <summary>Bench's workers: a handler running longer than this gets a failure reply (or a dead-lettered cast); null = unbounded.</summary>
    public double? HandlerTimeoutSeconds { get; init; }

    /// <summary>
    /// How requests reach the worker's queue: "exchange" (oslo's topic exchange) or "queue" (the default exchange,
    /// straight to the queue). Null: the scenario's own default — exchange for oslo scenarios, queue for the raw baseline.
    /// </summary>
    public string? Route { get; init; }

    /// <summary>
    /// Celery: which worker serves the tasks, "python" (real Celery 5.2), "bench" (Bench's C# worker) or "raw" (the
    /// plain RabbitMQ.Client baseline Bench's worker is measured against).
    /// </summary>
    public string CeleryWorker { get; init; } = "python";

    /// <summary>Celery: which client sends them, "bench" (the C# client under the load engine) or "python" (real Celery).</summary>
    public string CeleryClient { get; init; } = "bench";

    /// <summary>Celery worker_prefetch_multiplier: 1, 4 (Celery's default) or 0 (unlimited).</summary>
    public int PrefetchMultiplier { get; init; } = 4;

    /// <summary>Celery rate limits enabled (Celery's default) or disabled (worker_disable_rate_limits: the seed's advice).</summary>
    public bool CeleryRateLimits { get; init; } = true;

    /// <summary>A rate_limit on tasks.add, e.g. "1000/s"; null: none.</summary>
    public string? TaskRateLimit { get; init; }

    /// <summary>Celery pool: "solo" (one task at a time) or "prefork" with <see cref="Concurrency"/> processes.</summary>
    public string Pool { get; init; } = "solo";

    public int Concurrency { get; init; } = 1;

    public bool AcksLate { get; init; }

    /// <summary>RabbitMQ nodes of Bench's private broker: 1, or a cluster of that many (<see cref="Bench.Broker.PrivateCluster"/>).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>On a cluster: "spread" puts the i-th connection on node i mod N, "first" puts every one on the first node.</summary>
    public string Connect { get; init; } = "spread";

    /// <summary>Connections over amqps: the private node's TLS listener (or an amqps:// --amqp broker).</summary>
    public bool Tls { get; init; }

    /// <summary>Sample the broker's Prometheus endpoint during the run (the results' broker section); off measures what that costs.</summary>
    public bool BrokerView { get; init; } = true;
}

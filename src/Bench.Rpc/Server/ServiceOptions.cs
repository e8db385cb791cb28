namespace Bench.Rpc.Server;

/// <summary>A service's identity and settings, as in Nova's service framework; the defaults are oslo's and Nova's.</summary>
public sealed record ServiceOptions
{
    public required string Topic { get; init; }

    /// <summary>The server name (topic.host routing).</summary>
    public string Host { get; init; } = Environment.MachineName;

    public string Binary { get; init; } = "bench-worker";

    public string ControlExchange { get; init; } = "openstack";

    /// <summary>Nova's report_interval (10 s).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Nova's periodic_interval (60 s).</summary>
    public TimeSpan PeriodicInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>basic.qos prefetch per consumer; 0 = unlimited (oslo's default: no qos call).</summary>
    public ushort Prefetch { get; init; }

    public AckMode AckMode { get; init; } = AckMode.OnReceipt;

    /// <summary>How many requests run at once (oslo's executor_thread_pool_size, 64). Further deliveries wait.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>How long a soft shutdown waits for in-flight calls before closing anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where unusable casts (and calls with no usable reply address) go, for a person to inspect.</summary>
    public string? DeadLetterQueue { get; init; }

    public string EffectiveDeadLetterQueue => DeadLetterQueue ?? "bench.dead_letter." + Topic;

    /// <summary>oslo amqp_durable_queues: durable control exchange and topic queues.</summary>
    public bool Durable { get; init; }

    public QueueKind QueueKind { get; init; } = QueueKind.Classic;

    /// <summary>Fanout queue and reply x-expires in ms (oslo rabbit_transient_queues_ttl × 1000).</summary>
    public int TransientQueueExpiresMs { get; init; } = 1_800_000;

    /// <summary>Per-method rate limits in calls per second (Celery's rate_limit); methods not named run unpaced.</summary>
    public IReadOnlyDictionary<string, double> RateLimits { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Cancels a handler that runs longer than this and answers its caller with a timeout error (oslo's
    /// MessagingTimeout); null (the default) lets handlers run as long as they like. Costs a timer per request when set.
    /// </summary>
    public TimeSpan? HandlerTimeout { get; init; }

    /// <summary>A delivery that waits longer than this for a free slot (all MaxConcurrency busy) is logged.</summary>
    public TimeSpan BusyWarningAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Set before the service consumes anything (a restarted worker is delivered its predecessor's unacked casts at
    /// once): see <see cref="Server.CastDelivered"/>.
    /// </summary>
    public CastDelivered? OnCastDelivered { get; init; }

    /// <summary>Replies with delivery_mode 2, as oslo sends them; false sends them transient.</summary>
    public bool PersistentReplies { get; init; } = true;

    /// <summary>Replies published mandatory, as oslo does, so a vanished reply queue comes back as basic.return and is counted.</summary>
    public bool MandatoryReplies { get; init; } = true;

    /// <summary>Replies on a channel of their own (oslo's); false publishes them on the consuming channel.</summary>
    public bool SeparateReplyChannel { get; init; } = true;

    public string ClientName => $"bench-service:{Topic}.{Host}";

    /// <summary>
    /// PEM CA file an amqps:// broker's certificate must chain to (a private CA); null: BENCH_AMQP_CA_CERT, else the
    /// system store. Ignored for amqp://.
    /// </summary>
    public string? CaCertificatePath { get; init; }
}

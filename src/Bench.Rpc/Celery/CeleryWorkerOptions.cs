namespace Bench.Rpc.Celery;

/// <summary>A Bench worker serving Celery clients; defaults are a Celery worker's (prefetch multiplier 4, early ack).</summary>
public sealed record CeleryWorkerOptions
{
    public string Queue { get; init; } = "celery";

    /// <summary>Task names are this prefix + the manager method's name: tasks.add → add.</summary>
    public string TaskPrefix { get; init; } = "tasks.";

    /// <summary>Tasks run at once (Celery's -c).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Celery's worker_prefetch_multiplier: global prefetch = multiplier × concurrency; 0 = unlimited.</summary>
    public int PrefetchMultiplier { get; init; } = 4;

    /// <summary>task_acks_late: acknowledge after the task ran (and its result was sent) instead of before.</summary>
    public bool AcksLate { get; init; }

    /// <summary>Per-task rate limits in tasks/s (task names without the prefix); empty = none.</summary>
    public IReadOnlyDictionary<string, double> RateLimits { get; init; } = new Dictionary<string, double>();

    public string ClientName { get; init; } = "bench-celery-worker";

    /// <summary>
    /// PEM CA file an amqps:// broker's certificate must chain to (a private CA); null: BENCH_AMQP_CA_CERT, else the
    /// system store. Ignored for amqp://.
    /// </summary>
    public string? CaCertificatePath { get; init; }
}

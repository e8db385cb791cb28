namespace Bench.Rpc.Celery;

/// <summary>Celery client settings; defaults are Celery's.</summary>
public sealed record CeleryClientOptions
{
    /// <summary>The task queue (Celery's default is "celery").</summary>
    public string Queue { get; init; } = "celery";

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Declare the task queue (and its exchange) as Celery's client does. Off for a worker Bench did not start: its
    /// queue exists already, maybe with other arguments (a quorum queue), and a redeclare would close the channel.
    /// </summary>
    public bool DeclareQueue { get; init; } = true;

    public string ClientName { get; init; } = "bench-celery-client";

    /// <summary>
    /// PEM CA file an amqps:// broker's certificate must chain to (a private CA); null: BENCH_AMQP_CA_CERT, else the
    /// system store. Ignored for amqp://.
    /// </summary>
    public string? CaCertificatePath { get; init; }
}

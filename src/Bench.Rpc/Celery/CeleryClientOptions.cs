namespace Bench.Rpc.Celery;

/// <summary>Celery client settings; defaults are Celery's.</summary>
public sealed record CeleryClientOptions
{
    /// <summary>The task queue (Celery's default is "celery").</summary>
    public string Queue { get; init; } = "celery";

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string ClientName { get; init; } = "bench-celery-client";
}

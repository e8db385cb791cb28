namespace Bench.Harness.Targets;

/// <summary>
/// A service Bench did not start and drives as it is: an oslo.messaging server (a topic, optionally a server, exchange,
/// namespace and version, and a method) or a Celery worker (a task on a queue). Built from `bench run --target …` flags
/// or from a scenario file's `target:` section; the args are templates filled per request (see ArgsTemplate).
/// </summary>
public sealed record ExternalTarget
{
    /// <summary>"oslo" or "celery".</summary>
    public required string Kind { get; init; }

    /// <summary>oslo: the topic the service consumes.</summary>
    public string? Topic { get; init; }

    /// <summary>oslo: one server on the topic (topic.server), or null for any.</summary>
    public string? Server { get; init; }

    /// <summary>oslo: the control exchange; null is oslo's default, "openstack".</summary>
    public string? Exchange { get; init; }

    /// <summary>oslo: the endpoint's namespace (target.namespace); null for the default namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>oslo: the version the request asks for ("5.1"); null sends none (any endpoint accepts it).</summary>
    public string? Version { get; init; }

    /// <summary>oslo: the method to call or cast.</summary>
    public string? Method { get; init; }

    /// <summary>Celery: the task's registered name, e.g. "shop.checkout".</summary>
    public string? Task { get; init; }

    /// <summary>Celery: the queue the worker consumes; null is Celery's default, "celery".</summary>
    public string? Queue { get; init; }

    /// <summary>
    /// oslo: the keyword arguments, a JSON object template. Celery: the positional arguments, a JSON array template.
    /// Placeholders ({{seq}}, {{uuid}}, {{rand:A-B}}, {{choice:a|b}}, {{bytes:N}}) are filled per request.
    /// </summary>
    public string? Args { get; init; }

    /// <summary>Celery: the keyword arguments, a JSON object template; null for none.</summary>
    public string? Kwargs { get; init; }

    /// <summary>Fire and forget (oslo cast, Celery ignore_result) instead of waiting for each reply.</summary>
    public bool Cast { get; init; }
}

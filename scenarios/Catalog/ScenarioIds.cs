namespace Bench.Scenarios.Catalog;

/// <summary>
/// Every scenario's id. Frozen: results history is keyed on them, so an id is never renamed or reused; a changed
/// measurement gets a new id. Settings (payload, prefetch, transport, …) are not part of the id: they are recorded
/// beside it and matched as a key.
/// </summary>
internal static class ScenarioIds
{
    /// <summary>An in-process step that does nothing: the harness's own cost per request.</summary>
    public const string HarnessNull = "harness.null";

    /// <summary>Plain RabbitMQ.Client request/reply to a raw echo consumer: the broker's ceiling for a call.</summary>
    public const string RawCall = "raw.call";

    /// <summary>Plain RabbitMQ.Client publish to a raw consumer, measured at the consumer: the ceiling for a cast.</summary>
    public const string RawCast = "raw.cast";

    /// <summary>oslo call of add(x, y).</summary>
    public const string CallAdd = "call.add";

    /// <summary>oslo call of echo(payload) with a string payload of the configured size.</summary>
    public const string CallEcho = "call.echo";

    /// <summary>oslo call of echo(payload) with a Nova Instance object primitive.</summary>
    public const string CallNova = "call.nova";

    /// <summary>oslo call of sleep(ms): a fixed service time on the worker.</summary>
    public const string CallSleep = "call.sleep";

    /// <summary>oslo casts, counted and timed at the worker (one-way latency, drain throughput).</summary>
    public const string CastCount = "cast.count";

    /// <summary>oslo fanout casts to every worker, each measured at each worker.</summary>
    public const string FanoutCount = "fanout.count";

    /// <summary>Celery: tasks.add by apply_async + get over rpc:// (the seed's benchmark).</summary>
    public const string CeleryAdd = "celery.add";

    /// <summary>Celery: tasks.add sent with ignore_result; throughput measured by draining the queue.</summary>
    public const string CeleryAddCast = "celery.add.cast";

    /// <summary>Objects: Instance.get_by_uuid through a conductor (object_class_action_versions returning an Instance).</summary>
    public const string ObjectsGet = "objects.get";

    /// <summary>Objects: Instance.save with 3 changed fields (object_action).</summary>
    public const string ObjectsSave = "objects.save";

    /// <summary>Objects: InstanceList.get_by_host, a list of 100 instances.</summary>
    public const string ObjectsList = "objects.list";

    /// <summary>Objects: get_by_uuid from a client pinned one minor version older (the conductor backports).</summary>
    public const string ObjectsBackport = "objects.backport";

    public static IReadOnlyList<string> All { get; } = [HarnessNull, RawCall, RawCast, CallAdd, CallEcho, CallNova, CallSleep, CastCount, FanoutCount, CeleryAdd, CeleryAddCast, ObjectsGet, ObjectsSave, ObjectsList, ObjectsBackport];

    public static bool IsCelery(string id) => id.StartsWith("celery.", StringComparison.Ordinal);

    public static bool IsCall(string id) => id.StartsWith("call.", StringComparison.Ordinal);

    public static bool IsCast(string id) => id is CastCount or FanoutCount or RawCast;

    public static bool IsRaw(string id) => id.StartsWith("raw.", StringComparison.Ordinal);
}

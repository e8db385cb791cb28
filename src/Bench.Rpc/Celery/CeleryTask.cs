namespace Bench.Rpc.Celery;

/// <summary>
/// One task message as read by <see cref="CeleryTaskReader"/>: views into the delivery's header values and body, so
/// reading a task copies nothing. Valid only while the delivery is (until the consumer's handler completes).
/// </summary>
internal readonly ref struct CeleryTask
{
    /// <summary>The task name's UTF-8 bytes (tasks.add).</summary>
    public ReadOnlySpan<byte> Name { get; init; }

    /// <summary>The task id's UTF-8 bytes, as the result's task_id repeats them.</summary>
    public ReadOnlySpan<byte> Id { get; init; }

    /// <summary>The positional arguments' JSON (an array, unless the sender erred: binding then says so).</summary>
    public ReadOnlySpan<byte> Args { get; init; }

    /// <summary>The keyword arguments' JSON (an object).</summary>
    public ReadOnlySpan<byte> Kwargs { get; init; }
}

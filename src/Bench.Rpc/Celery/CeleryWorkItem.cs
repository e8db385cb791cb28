using System.Buffers;
using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Bench.Rpc.Celery;

/// <summary>
/// What the worker keeps of one task after its delivery is gone: the task id (the result repeats it), where and how to
/// reply, and the buffers the result and the reply are written into. Pooled, with reply properties made once per item
/// and only the correlation id set per task, so a task costs no allocation here in the steady state.
/// </summary>
internal sealed class CeleryWorkItem
{
    private const int MaxPooledBytes = 1 << 20;
    private static readonly ConcurrentQueue<CeleryWorkItem> s_pool = new();

    // Celery's results carry an empty header table (the capture's "headers": {}); nothing writes to it, so one is shared.
    private static readonly Dictionary<string, object?> s_noHeaders = [];
    private byte[] _id = new byte[64];
    private int _idLength;

    private CeleryWorkItem()
    {
    }

    public ulong DeliveryTag { get; set; }

    /// <summary>The rpc:// reply queue; null when no result is wanted (ignore_result, or no reply_to).</summary>
    public CachedString? ReplyRoute { get; set; }

    public ReadOnlySpan<byte> Id => _id.AsSpan(0, _idLength);

    /// <summary>The reply's properties (transient, as result_persistent=False; JSON, UTF-8; the task's correlation id).</summary>
    public BasicProperties Properties { get; } = new()
    {
        ContentType = CeleryWire.ContentType,
        ContentEncoding = CeleryWire.ContentEncoding,
        DeliveryMode = DeliveryModes.Transient,
        Priority = 0,
        Headers = s_noHeaders,
    };

    /// <summary>The task's return value as JSON, written by the invoker.</summary>
    public ArrayBufferWriter<byte> Result { get; } = new(64);

    /// <summary>The result message sent to the reply queue.</summary>
    public ArrayBufferWriter<byte> Reply { get; } = new(256);

    public static CeleryWorkItem Rent() => s_pool.TryDequeue(out var item) ? item : new CeleryWorkItem();

    public void SetId(ReadOnlySpan<byte> id)
    {
        if (id.Length > _id.Length)
        {
            _id = new byte[id.Length];
        }

        id.CopyTo(_id);
        _idLength = id.Length;
    }

    /// <summary>The id from a string (a task's correlation id), encoded into the pooled buffer.</summary>
    public void SetId(string id)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(id);
        if (length > _id.Length)
        {
            _id = new byte[length];
        }

        _idLength = System.Text.Encoding.UTF8.GetBytes(id, _id);
    }

    public void Return()
    {
        ReplyRoute = null;
        Properties.CorrelationId = null;
        _idLength = 0;
        Result.ResetWrittenCount();
        Reply.ResetWrittenCount();
        // A rare huge result should not pin its buffers forever.
        if (Result.Capacity <= MaxPooledBytes && Reply.Capacity <= MaxPooledBytes && _id.Length <= 1024)
        {
            s_pool.Enqueue(this);
        }
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// What the service keeps of one request after its body is gone: where to reply, the reply's id, and the result
/// buffer. Pooled, so a request costs no allocation here in the steady state.
/// </summary>
internal sealed class WorkItem
{
    private const int MaxMessageId = 64;
    private static readonly ConcurrentQueue<WorkItem> s_pool = new();
    private readonly byte[] _messageId = new byte[MaxMessageId];
    private int _messageIdLength;

    /// <summary>The request's state: set as it is read and handled, cleared when the item is returned.</summary>
    public WorkState State;

    public CachedString? ReplyRoute { get; private set; }

    public ReadOnlySpan<byte> MessageId => _messageId.AsSpan(0, _messageIdLength);

    public ArrayBufferWriter<byte> Result { get; } = new(256);

    public static WorkItem Rent() => s_pool.TryDequeue(out var item) ? item : new WorkItem();

    /// <summary>Keeps a copy of the reply address; false when there is none usable.</summary>
    public bool SetReplyAddress(ReadOnlySpan<byte> messageId, CachedString? route)
    {
        if (route is null || messageId.IsEmpty || messageId.Length > MaxMessageId)
        {
            return false;
        }

        messageId.CopyTo(_messageId);
        _messageIdLength = messageId.Length;
        ReplyRoute = route;
        return true;
    }

    public void Return()
    {
        State.Deadline?.Dispose();
        State = default;
        ReplyRoute = null;
        _messageIdLength = 0;
        Result.ResetWrittenCount();
        if (Result.Capacity <= 1 << 20)
        {
            s_pool.Enqueue(this);
        }
    }
}

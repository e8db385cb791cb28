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

    public WorkKind Kind { get; set; }

    public ulong DeliveryTag { get; set; }

    public bool IsCall { get; set; }

    public int? CallMonitorTimeout { get; set; }

    public RemoteError? Error { get; set; }

    public string? Reason { get; set; }

    public CachedString? ReplyRoute { get; private set; }

    /// <summary>The bound call, ready to invoke once any rate limit allows.</summary>
    public Dispatch.MethodInvoker? Invoker { get; set; }

    public Dispatch.ArgFrame? Frame { get; set; }

    public RequestContext? Context { get; set; }

    /// <summary>With a handler timeout: the handler's own token source (cancelled at the timeout or at shutdown).</summary>
    public CancellationTokenSource? Deadline { get; set; }

    /// <summary>A stamped call's client send time (Stopwatch ticks; 0 when the call was not stamped).</summary>
    public long Sent { get; set; }

    /// <summary>Stopwatch ticks when the delivery reached the service, before any wait for a handler slot.</summary>
    public long Received { get; set; }

    public long HandlerStarted { get; set; }

    public long HandlerEnded { get; set; }

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
        Kind = WorkKind.Drop;
        IsCall = false;
        Sent = 0;
        CallMonitorTimeout = null;
        Error = null;
        Reason = null;
        ReplyRoute = null;
        Invoker = null;
        Frame = null;
        Context = null;
        Deadline?.Dispose();
        Deadline = null;
        _messageIdLength = 0;
        Result.ResetWrittenCount();
        if (Result.Capacity <= 1 << 20)
        {
            s_pool.Enqueue(this);
        }
    }
}

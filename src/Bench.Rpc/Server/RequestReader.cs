using System.Buffers;
using System.Diagnostics;
using System.Text;
using Bench.Rpc.Dispatch;
using Bench.Rpc.Wire;
using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// Turns one delivery into a <see cref="WorkItem"/> that says what to do with it: dispatch it, answer it with a
/// failure, dead-letter it, or drop it as a duplicate. Everything that reads the body happens here, synchronously;
/// after this only copies are used. Runs on the consumer loop, one delivery at a time.
/// </summary>
internal sealed class RequestReader(Dispatcher dispatcher)
{
    private readonly DuplicateFilter _duplicates = new();
    private readonly ReplyRoutes _replyRoutes = new();
    private long _duplicateCount;

    public long Duplicates => Interlocked.Read(ref _duplicateCount);

    /// <summary>See <see cref="Service.CastReceived"/>.</summary>
    public Action<long, long>? CastReceived { get; set; }

    /// <summary>See <see cref="Server.CastDelivered"/>.</summary>
    public CastDelivered? CastDelivered { get; set; }

    public void Read(WorkItem work, IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body, bool redelivered = false)
    {
        byte[]? scratch = null;
        try
        {
            if (!OsloReader.TryUnwrap(body, ref scratch, out var inner, out var envelopeError))
            {
                Reject(work, "unreadable message: " + envelopeError);
                return;
            }

            OsloReader.ParseRequest(inner, out var request);
            var isCall = request.IsCall && work.SetReplyAddress(request.MessageId, _replyRoutes.Resolve(properties, request.ReplyQueue));
            if (!isCall && !request.MessageId.IsEmpty)
            {
                Reject(work, "call with an unusable _msg_id or _reply_q");
                return;
            }

            if (properties.ContentType is { } contentType && contentType != "application/json")
            {
                RejectOrFail(work, isCall, $"unsupported content type '{contentType}' (application/json expected)");
                return;
            }

            if (request.Error is not null)
            {
                RejectOrFail(work, isCall, request.Error);
                return;
            }

            if (!isCall && !request.UniqueId.IsEmpty)
            {
                CastDelivered?.Invoke(request.UniqueId, redelivered);
            }

            if (!request.UniqueId.IsEmpty && _duplicates.IsDuplicate(request.UniqueId))
            {
                Interlocked.Increment(ref _duplicateCount);
                work.State.Kind = WorkKind.Drop;
                return;
            }

            if (!isCall && request.SentTimestamp != 0)
            {
                CastReceived?.Invoke(request.SentTimestamp, Stopwatch.GetTimestamp());
            }

            var invoker = request.EscapedMethod is { } escaped ? dispatcher.Find(escaped) : dispatcher.Find(request.Method);
            var methodName = invoker?.Name ?? request.EscapedMethod ?? Encoding.UTF8.GetString(request.Method);
            var error = dispatcher.CheckTarget(request.Namespace, request.Version, methodName);
            if (error is null && invoker is null)
            {
                error = RpcErrors.NoSuchMethod(methodName);
            }

            ArgFrame? frame = null;
            if (error is null && (frame = invoker!.TryBind(request.Args, dispatcher.Options, out var bindError)) is null)
            {
                error = RpcErrors.TypeError(bindError!);
            }

            if (error is not null)
            {
                RejectOrFail(work, isCall, error);
                return;
            }

            if (isCall && invoker!.WantsCallerTimeout)
            {
                frame!.CallerTimeout = CallerTimeout.Of(properties.Expiration, request.CallMonitorTimeout).Value;
            }

            work.State.Kind = WorkKind.Dispatch;
            work.State.IsCall = isCall;
            work.State.Sent = isCall ? request.SentTimestamp : 0;
            work.State.CallMonitorTimeout = request.CallMonitorTimeout;
            work.State.Invoker = invoker;
            work.State.Frame = frame;
            work.State.Context = request.HasContext && invoker!.WantsContext ? OsloReader.ReadContext(inner) : null;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static void Reject(WorkItem work, string reason)
    {
        work.State.Kind = WorkKind.DeadLetter;
        work.State.Reason = reason;
    }

    private static void RejectOrFail(WorkItem work, bool isCall, string reason) =>
        RejectOrFail(work, isCall, RpcErrors.MalformedRequest(reason));

    private static void RejectOrFail(WorkItem work, bool isCall, RemoteError error)
    {
        if (!isCall)
        {
            Reject(work, error.ExceptionClass + ": " + error.RemoteMessage);
            return;
        }

        work.State.Kind = WorkKind.FailureReply;
        work.State.Error = error;
    }
}

using System.Buffers;

namespace Bench.Rpc.Wire;

/// <summary>
/// Writes oslo.messaging 14 request and reply bodies (wire-formats.md §2.2, §2.3) in the exact byte form Python
/// produces, key order included, so they can be compared with the captures.
/// </summary>
internal static class OsloWriter
{
    private static ReadOnlySpan<byte> EnvelopeStart => "{\"oslo.version\": \"2.0\", \"oslo.message\": \""u8;

    private static ReadOnlySpan<byte> EnvelopeEnd => "\"}"u8;

    public static void WriteRequest(IBufferWriter<byte> body, ArrayBufferWriter<byte> scratch, in OutgoingRequest request, EnvelopeFormat format)
    {
        if (format == EnvelopeFormat.Plain)
        {
            WriteRequestInner(body, request);
            return;
        }

        scratch.ResetWrittenCount();
        WriteRequestInner(scratch, request);
        WrapInEnvelope(body, scratch.WrittenSpan);
    }

    /// <summary>The inner message: method, args, [namespace, version], [_msg_id, _reply_q, _timeout], _unique_id, _context_*.</summary>
    public static void WriteRequestInner(IBufferWriter<byte> output, in OutgoingRequest request)
    {
        PythonJson.Byte(output, (byte)'{');
        PythonJson.Key(output, "method"u8);
        PythonJson.String(output, request.Method);
        PythonJson.NextKey(output, "args"u8);
        PythonJson.Raw(output, request.Args.IsEmpty ? "{}"u8 : request.Args);
        if (request.Namespace is not null)
        {
            PythonJson.StringMember(output, "namespace"u8, request.Namespace);
        }

        if (request.Version is not null)
        {
            PythonJson.StringMember(output, "version"u8, request.Version);
        }

        if (!request.MessageId.IsEmpty)
        {
            PythonJson.StringMember(output, "_msg_id"u8, request.MessageId);
            PythonJson.StringMember(output, "_reply_q"u8, request.ReplyQueue);
            PythonJson.NextKey(output, "_timeout"u8);
            if (request.CallMonitorTimeout is { } seconds)
            {
                PythonJson.Int64(output, seconds);
            }
            else
            {
                PythonJson.Raw(output, PythonJson.Null);
            }
        }

        PythonJson.StringMember(output, "_unique_id"u8, request.UniqueId);
        request.Context?.WriteTo(output);
        if (!request.ExtraMembers.IsEmpty)
        {
            PythonJson.Separator(output);
            PythonJson.Raw(output, request.ExtraMembers);
        }

        PythonJson.Byte(output, (byte)'}');
    }

    /// <summary>
    /// A reply: result (raw JSON), failure (null or the failure JSON as a string), ending, _msg_id, _unique_id, then any
    /// <paramref name="extraMembers"/> written raw (a stamped call's _bench_hops).
    /// </summary>
    public static void WriteReply(IBufferWriter<byte> body, ArrayBufferWriter<byte> scratch, ReadOnlySpan<byte> resultJson, ReadOnlySpan<byte> failureJson, bool ending, ReadOnlySpan<byte> messageId, ReadOnlySpan<byte> uniqueId,
        ReadOnlySpan<byte> extraMembers = default)
    {
        scratch.ResetWrittenCount();
        PythonJson.Byte(scratch, (byte)'{');
        PythonJson.Key(scratch, "result"u8);
        PythonJson.Raw(scratch, resultJson.IsEmpty ? PythonJson.Null : resultJson);
        PythonJson.NextKey(scratch, "failure"u8);
        if (failureJson.IsEmpty)
        {
            PythonJson.Raw(scratch, PythonJson.Null);
        }
        else
        {
            PythonJson.String(scratch, failureJson);
        }

        PythonJson.NextKey(scratch, "ending"u8);
        PythonJson.Boolean(scratch, ending);
        PythonJson.StringMember(scratch, "_msg_id"u8, messageId);
        PythonJson.StringMember(scratch, "_unique_id"u8, uniqueId);
        if (!extraMembers.IsEmpty)
        {
            PythonJson.Separator(scratch);
            PythonJson.Raw(scratch, extraMembers);
        }

        PythonJson.Byte(scratch, (byte)'}');
        WrapInEnvelope(body, scratch.WrittenSpan);
    }

    /// <summary>The failure object oslo puts (as a string) in a reply: class, module, message, tb (a list), args, kwargs.</summary>
    public static void WriteFailure(IBufferWriter<byte> output, string exceptionClass, string module, string message, IReadOnlyList<string> traceback, ReadOnlySpan<byte> kwargsJson = default)
    {
        PythonJson.Byte(output, (byte)'{');
        PythonJson.Key(output, "class"u8);
        PythonJson.String(output, exceptionClass);
        PythonJson.StringMember(output, "module"u8, module);
        PythonJson.StringMember(output, "message"u8, message);
        PythonJson.NextKey(output, "tb"u8);
        PythonJson.Byte(output, (byte)'[');
        for (var i = 0; i < traceback.Count; i++)
        {
            if (i > 0)
            {
                PythonJson.Separator(output);
            }

            PythonJson.String(output, traceback[i]);
        }

        PythonJson.Byte(output, (byte)']');
        PythonJson.NextKey(output, "args"u8);
        PythonJson.Byte(output, (byte)'[');
        PythonJson.String(output, message);
        PythonJson.Byte(output, (byte)']');
        PythonJson.NextKey(output, "kwargs"u8);
        PythonJson.Raw(output, kwargsJson.IsEmpty ? "{}"u8 : kwargsJson);
        PythonJson.Byte(output, (byte)'}');
    }

    public static void WrapInEnvelope(IBufferWriter<byte> body, ReadOnlySpan<byte> inner)
    {
        body.Write(EnvelopeStart);
        PythonJson.StringBody(body, inner);
        body.Write(EnvelopeEnd);
    }
}

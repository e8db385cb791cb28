using System.Buffers;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;
using Bench.Testing;

namespace Bench.Rpc.Tests.Wire;

/// <summary>Bench's request and reply bodies, byte for byte against oslo.messaging 14's captured ones (same ids, same values).</summary>
public sealed class OsloWriterTests
{
    [Theory]
    [InlineData("cast_topic")]
    [InlineData("cast_topic_server")]
    [InlineData("cast_fanout")]
    [InlineData("call_topic_timeout_2s")]
    [InlineData("call_server_version_namespace_cm_timeout")]
    [InlineData("call_with_RequestContext")]
    public void Request_bytes_match_the_oslo_capture(string capture)
    {
        var message = Vectors.Load("oslo_client_requests.json", capture).GetProperty("messages")[0];
        var inner = message.GetProperty("inner_message");
        var context = new List<KeyValuePair<string, string>>();
        foreach (var member in inner.EnumerateObject())
        {
            if (member.Name.StartsWith("_context_", StringComparison.Ordinal))
            {
                context.Add(new(member.Name["_context_".Length..], Python(member.Value)));
            }
        }

        var body = new ArrayBufferWriter<byte>();
        OsloWriter.WriteRequest(body, new ArrayBufferWriter<byte>(), new OutgoingRequest
        {
            Method = inner.GetProperty("method").GetString()!,
            Args = Encoding.UTF8.GetBytes(Python(inner.GetProperty("args"))),
            Namespace = inner.TryGetProperty("namespace", out var ns) ? ns.GetString() : null,
            Version = inner.TryGetProperty("version", out var version) ? version.GetString() : null,
            MessageId = inner.TryGetProperty("_msg_id", out var id) ? Encoding.UTF8.GetBytes(id.GetString()!) : default,
            ReplyQueue = inner.TryGetProperty("_reply_q", out var replyQ) ? replyQ.GetString() : null,
            CallMonitorTimeout = inner.TryGetProperty("_timeout", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null,
            UniqueId = Encoding.UTF8.GetBytes(inner.GetProperty("_unique_id").GetString()!),
            Context = new RequestContext(context),
        }, EnvelopeFormat.Oslo2);

        Assert.Equal(message.GetProperty("body_raw").GetString(), Encoding.UTF8.GetString(body.WrittenSpan));
    }

    [Theory]
    [InlineData("success")]
    [InlineData("success_none_result")]
    [InlineData("failure_builtin_ValueError")]
    [InlineData("failure_NoSuchMethod")]
    [InlineData("call_monitor_heartbeats_timeout_4")]
    public void Reply_bytes_match_the_oslo_capture(string capture)
    {
        foreach (var reply in Vectors.Load("oslo_server_replies.json", capture).GetProperty("replies").EnumerateArray())
        {
            var inner = reply.GetProperty("inner_message");
            var failure = inner.GetProperty("failure");
            var failureJson = ReadOnlySpan<byte>.Empty;
            if (failure.ValueKind == JsonValueKind.String)
            {
                using var decoded = JsonDocument.Parse(failure.GetString()!);
                var f = decoded.RootElement;
                var written = new ArrayBufferWriter<byte>();
                OsloWriter.WriteFailure(written, f.GetProperty("class").GetString()!, f.GetProperty("module").GetString()!, f.GetProperty("message").GetString()!,
                    [.. f.GetProperty("tb").EnumerateArray().Select(l => l.GetString()!)]);
                failureJson = written.WrittenSpan;
            }

            var body = new ArrayBufferWriter<byte>();
            OsloWriter.WriteReply(body, new ArrayBufferWriter<byte>(), Encoding.UTF8.GetBytes(Python(inner.GetProperty("result"))), failureJson,
                inner.GetProperty("ending").GetBoolean(), Encoding.UTF8.GetBytes(inner.GetProperty("_msg_id").GetString()!), Encoding.UTF8.GetBytes(inner.GetProperty("_unique_id").GetString()!));

            Assert.Equal(reply.GetProperty("body_raw").GetString(), Encoding.UTF8.GetString(body.WrittenSpan));
        }
    }

    [Fact]
    public void Plain_envelope_writes_the_inner_message_as_the_body()
    {
        var body = new ArrayBufferWriter<byte>();
        OsloWriter.WriteRequest(body, new ArrayBufferWriter<byte>(), new OutgoingRequest { Method = "add", Args = "{\"x\": 1}"u8, UniqueId = "u"u8 }, EnvelopeFormat.Plain);
        Assert.Equal("{\"method\": \"add\", \"args\": {\"x\": 1}, \"_unique_id\": \"u\"}", Encoding.UTF8.GetString(body.WrittenSpan));
    }

    /// <summary>A JSON value the way Python's json.dumps writes it (", " and ": " separators), for building expected bytes.</summary>
    private static string Python(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => JsonSerializer.Serialize(p.Name) + ": " + Python(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Python)) + "]",
        _ => value.GetRawText(),
    };
}

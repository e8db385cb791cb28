using System.Text;
using Bench.Rpc.Wire;
using Bench.Testing;

namespace Bench.Rpc.Tests.Wire;

/// <summary>Parsing captured oslo.messaging traffic, and refusing malformed bodies with a reason instead of an exception.</summary>
public sealed class OsloReaderTests
{
    [Fact]
    public void Captured_call_is_read_with_every_member()
    {
        var body = Body("oslo_client_requests.json", "call_server_version_namespace_cm_timeout", "messages");
        byte[]? scratch = null;

        Assert.True(OsloReader.TryUnwrap(body, ref scratch, out var inner, out var error), error);
        OsloReader.ParseRequest(inner, out var request);

        Assert.Null(request.Error);
        Assert.Equal("ping", Encoding.UTF8.GetString(request.Method));
        Assert.Equal("{}", Encoding.UTF8.GetString(request.Args));
        Assert.Equal("wirens", request.Namespace);
        Assert.Equal("2.1", request.Version);
        Assert.Equal("788708641f1b471abc97c667bac9db5a", Encoding.UTF8.GetString(request.MessageId));
        Assert.Equal("reply_3c9fdff7469746078d2dcc40f7cf2863", Encoding.UTF8.GetString(request.ReplyQueue));
        Assert.Equal(10, request.CallMonitorTimeout);
        Assert.True(request.HasContext);
        Assert.True(request.IsCall);
    }

    [Fact]
    public void Captured_context_is_read_with_unknown_keys_kept()
    {
        var body = Body("oslo_client_requests.json", "call_with_RequestContext", "messages");
        byte[]? scratch = null;
        OsloReader.TryUnwrap(body, ref scratch, out var inner, out _);

        var context = OsloReader.ReadContext(inner);

        Assert.Equal("u1", context.UserId);
        Assert.Equal("p1", context.ProjectId);
        Assert.Equal("req-1234", context.RequestId);
        Assert.Contains(context.Members, m => m.Key == "roles" && m.Value == "[\"admin\"]");
        Assert.Equal(17, context.Members.Count);
    }

    [Fact]
    public void Captured_replies_are_read_as_result_failure_and_heartbeat()
    {
        var success = Reply("success");
        Assert.Equal("8", Encoding.UTF8.GetString(success.Result));
        Assert.True(success.Failure.IsEmpty);
        Assert.True(success.Ending);

        var failure = Reply("failure_builtin_ValueError");
        var error = OsloReader.ReadFailure(failure.Failure);
        Assert.Equal(("ValueError", "builtins", "boom"), (error.ExceptionClass, error.Module, error.RemoteMessage));
        Assert.Equal("ValueError: boom\n", error.Traceback[^1]);

        var custom = OsloReader.ReadFailure(Reply("failure_custom_exception_with_kwargs").Failure);
        Assert.Equal("WireError", custom.ExceptionClass);
        Assert.Equal("{\"code\": 42}", custom.KwargsJson);

        Assert.False(Reply("call_monitor_heartbeats_timeout_4").Ending);
    }

    [Fact]
    public void Unenveloped_body_is_taken_as_the_message()
    {
        byte[]? scratch = null;
        var body = "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}}"u8;

        Assert.True(OsloReader.TryUnwrap(body, ref scratch, out var inner, out _));
        OsloReader.ParseRequest(inner, out var request);

        Assert.Null(request.Error);
        Assert.Equal("add", Encoding.UTF8.GetString(request.Method));
    }

    [Theory]
    [InlineData("not json at all", "malformed JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"oslo.version\": \"2.0\"}", "no oslo.message")]
    [InlineData("{\"oslo.version\": \"3.0\", \"oslo.message\": \"{}\"}", "unsupported oslo.version")]
    [InlineData("{\"oslo.version\": \"2.0\", \"oslo.message\": 5}", "not a string")]
    public void Unreadable_envelopes_give_a_reason(string body, string reason)
    {
        byte[]? scratch = null;

        Assert.False(OsloReader.TryUnwrap(Encoding.UTF8.GetBytes(body), ref scratch, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"args\": {}, \"_msg_id\": \"m\", \"_reply_q\": \"q\"}", "no method")]
    [InlineData("{\"method\": \"add\", \"_msg_id\": \"m\", \"_reply_q\": \"q\"}", "no args")]
    [InlineData("{\"method\": \"add\", \"args\": [1, 2], \"_msg_id\": \"m\", \"_reply_q\": \"q\"}", "keyword arguments only")]
    [InlineData("{\"_msg_id\": \"m\", \"_reply_q\": \"q\", \"method\": \"add\", \"args\": {\"x\": 1,,}}", "malformed JSON")]
    public void Bad_requests_keep_their_reply_address(string inner, string reason)
    {
        OsloReader.ParseRequest(Encoding.UTF8.GetBytes(inner), out var request);

        Assert.Contains(reason, request.Error, StringComparison.Ordinal);
        Assert.True(request.IsCall); // so the caller gets a failure reply, not a timeout
    }

    private static byte[] Body(string file, string key, string list) =>
        Encoding.UTF8.GetBytes(Vectors.Load(file, key).GetProperty(list)[0].GetProperty("body_raw").GetString()!);

    private static IncomingReply Reply(string key)
    {
        var body = Body("oslo_server_replies.json", key, "replies");
        byte[]? scratch = null;
        Assert.True(OsloReader.TryUnwrap(body, ref scratch, out var inner, out _));
        // Copy: the parsed spans must outlive this helper's scratch.
        var copy = inner.ToArray();
        Assert.True(OsloReader.TryParseReply(copy, out var reply));
        return reply;
    }
}

/// <summary>The canonical-envelope fast path agrees with the general JSON path, and refuses what is not canonical.</summary>
public sealed class CanonicalEnvelopeTests
{
    [Theory]
    [InlineData("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"method\\\": \\\"a\\\\\\\\b\\\", \\\"args\\\": {}}\"}", "{\"method\": \"a\\\\b\", \"args\": {}}")]
    [InlineData("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{\\\"x\\\": \\\"caf\\\\u00e9\\\"}\"}", "{\"x\": \"caf\\u00e9\"}")]
    [InlineData("{\"oslo.message\": \"{}\", \"oslo.version\": \"2.0\"}", "{}")]
    [InlineData("{\"oslo.version\":\"2.0\",\"oslo.message\":\"{}\"}", "{}")]
    public void Envelopes_unwrap_to_the_inner_message(string body, string expected)
    {
        byte[]? scratch = null;

        Assert.True(Rpc.Wire.OsloReader.TryUnwrap(System.Text.Encoding.UTF8.GetBytes(body), ref scratch, out var inner, out var error), error);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(inner));
    }

    [Theory]
    [InlineData("{\"oslo.version\": \"2.0\", \"oslo.message\": \"{}\", \"extra\": \"x\"}")]
    [InlineData("{\"oslo.version\": \"2.0\", \"oslo.message\": \"a\nb\"}")]
    public void Non_canonical_bodies_take_the_general_path(string body)
    {
        byte[]? scratch = null;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);

        var ok = Rpc.Wire.OsloReader.TryUnwrap(bytes, ref scratch, out var inner, out _);

        // The general path reads the first as a valid envelope with an extra member, and refuses the raw newline.
        Assert.Equal(body.Contains("extra", StringComparison.Ordinal), ok);
        if (ok)
        {
            Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(inner));
        }
    }
}

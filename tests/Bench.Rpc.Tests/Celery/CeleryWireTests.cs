using System.Buffers;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Celery;
using Bench.Testing;

namespace Bench.Rpc.Tests.Celery;

/// <summary>Celery protocol v2 bodies and rpc:// results against the Celery 5.2.6 captures.</summary>
public sealed class CeleryWireTests
{
    [Fact]
    public void Task_body_and_headers_match_the_capture()
    {
        var message = Vectors.Load("celery_request_v2.json", "messages")[0];
        var body = new ArrayBufferWriter<byte>();

        CeleryWire.WriteBody(body, "[4, 4]"u8, "{}"u8);
        var headers = CeleryWire.Headers("tasks.add", "f9a53afb-71c1-45be-b53f-7916f5c7f2cc", "[4, 4]", ignoreResult: false, "gen13197@vm");

        Assert.Equal(message.GetProperty("body_raw").GetString(), Encoding.UTF8.GetString(body.WrittenSpan));
        var captured = message.GetProperty("headers");
        Assert.Equal(captured.EnumerateObject().Select(p => p.Name), headers.Keys);
        foreach (var (key, value) in headers)
        {
            Assert.Equal(JsonSerializer.Serialize(captured.GetProperty(key)), JsonSerializer.Serialize(value)); // both compact: the capture file is indented
        }
    }

    [Theory]
    [InlineData("success")]
    [InlineData("failure_builtin")]
    public void Result_bytes_match_the_capture(string capture)
    {
        var reply = Vectors.Load("celery_worker_replies.json", capture).GetProperty("replies")[0];
        var raw = reply.GetProperty("body_raw").GetString()!;
        using var parsed = JsonDocument.Parse(raw);
        var root = parsed.RootElement;
        var success = root.GetProperty("status").GetString() == "SUCCESS";
        var body = new ArrayBufferWriter<byte>();
        RemoteError? error = null;
        if (!success)
        {
            var r = root.GetProperty("result");
            error = new RemoteError(r.GetProperty("exc_type").GetString()!, r.GetProperty("exc_module").GetString()!, r.GetProperty("exc_message")[0].GetString()!, [root.GetProperty("traceback").GetString()!]);
        }

        CeleryWire.WriteResult(body, Encoding.UTF8.GetBytes(root.GetProperty("task_id").GetString()!), success, Encoding.UTF8.GetBytes(success ? root.GetProperty("result").GetRawText() : string.Empty), error);

        Assert.Equal(raw, Encoding.UTF8.GetString(body.WrittenSpan));
    }

    [Theory]
    [InlineData("success", "SUCCESS")]
    [InlineData("failure_builtin", "FAILURE")]
    [InlineData("unregistered_task", "FAILURE")]
    public void Captured_results_are_read(string capture, string status)
    {
        var raw = Encoding.UTF8.GetBytes(Vectors.Load("celery_worker_replies.json", capture).GetProperty("replies")[0].GetProperty("body_raw").GetString()!);

        Assert.True(CeleryWire.TryReadResult(raw, out var taskId, out var read, out var result, out var traceback));

        Assert.Equal(status, read);
        Assert.NotNull(taskId);
        if (status == "FAILURE")
        {
            var error = CeleryWire.ReadError(result, traceback);
            Assert.Contains(error.ExceptionClass, new[] { "ValueError", "NotRegistered" });
        }
    }
}

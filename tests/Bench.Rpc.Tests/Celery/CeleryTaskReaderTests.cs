using System.Text;
using Bench.Rpc.Celery;
using Bench.Testing;

namespace Bench.Rpc.Tests.Celery;

/// <summary>The worker's in-place reading of task messages: the Celery 5.2.6 captures (v2 and v1), and malformed bodies refused.</summary>
public sealed class CeleryTaskReaderTests
{
    [Fact]
    public void A_captured_v2_task_is_read_as_slices_of_its_body_and_headers()
    {
        var message = Vectors.Load("celery_request_v2.json", "messages")[0];
        var body = Encoding.UTF8.GetBytes(message.GetProperty("body_raw").GetString()!);
        var headers = Delivered(("task", "tasks.add"), ("id", "f9a53afb-71c1-45be-b53f-7916f5c7f2cc"), ("lang", "py"));

        Assert.True(CeleryTaskReader.TryRead(headers, "f9a53afb-71c1-45be-b53f-7916f5c7f2cc", body, out var task, out var error));

        Assert.Null(error);
        AssertTask(task, "tasks.add", "f9a53afb-71c1-45be-b53f-7916f5c7f2cc", "[4, 4]", "{}");
    }

    [Fact]
    public void A_captured_v1_task_is_read_from_its_body()
    {
        var message = Vectors.Load("celery_request_v1.json", "messages")[0];
        var body = Encoding.UTF8.GetBytes(message.GetProperty("body_raw").GetString()!);

        Assert.True(CeleryTaskReader.TryRead(null, null, body, out var task, out _));

        AssertTask(task, "tasks.add", "9420bd56-910d-403b-b175-535c42e32a35", "[4, 4]", "{}");
    }

    [Fact]
    public void A_v1_body_without_args_or_kwargs_gets_empty_ones_and_escaped_names_are_decoded()
    {
        var body = "{\"task\": \"tasks.\\u0061dd\", \"id\": \"i\\u00e9\"}"u8;

        Assert.True(CeleryTaskReader.TryRead(new Dictionary<string, object?>(), null, body, out var task, out _));

        AssertTask(task, "tasks.add", "ié", "[]", "{}");
    }

    [Fact]
    public void A_v2_task_without_an_id_header_takes_the_correlation_id()
    {
        Assert.True(CeleryTaskReader.TryRead(Delivered(("task", "tasks.add")), "corr-1", "[[1, 2], {\"y\": 3}, {}]"u8, out var task, out _));

        AssertTask(task, "tasks.add", "corr-1", "[1, 2]", "{\"y\": 3}");
    }

    [Theory]
    [InlineData(true, "[[4, 4]]", "protocol v2 body is not [args, kwargs, embed]")]
    [InlineData(true, "{\"args\": [4, 4]}", "protocol v2 body is not [args, kwargs, embed]")]
    [InlineData(true, "42", "protocol v2 body is not [args, kwargs, embed]")]
    [InlineData(true, "[[4, 4], {}, {}] trailing", "body is not JSON")]
    [InlineData(true, "[[4, 4], {}, {}] []", "body is not JSON")]
    [InlineData(true, "[[4, 4], {}", "body is not JSON")]
    [InlineData(true, "[[4, 4], {}, {\"chain\": nul}]", "body is not JSON")]
    [InlineData(true, "", "body is not JSON")]
    [InlineData(true, "#!", "body is not JSON")]
    [InlineData(false, "[[4, 4], {}, {}]", "no task name")]
    [InlineData(false, "{\"id\": \"x\", \"args\": []}", "no task name")]
    [InlineData(false, "{\"task\": 7}", "no task name")]
    [InlineData(false, "{\"task\": \"tasks.add\"", "body is not JSON")]
    public void A_malformed_message_is_refused_with_a_reason(bool v2, string body, string reason)
    {
        var headers = v2 ? Delivered(("task", "tasks.add"), ("id", "x")) : null;

        Assert.False(CeleryTaskReader.TryRead(headers, "x", Encoding.UTF8.GetBytes(body), out _, out var error));

        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_a_full_parse_allows_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("[[" + new string('[', 5000) + new string(']', 5000) + "], {}, {}]");

        Assert.False(CeleryTaskReader.TryRead(Delivered(("task", "tasks.add")), "x", body, out _, out var error));

        Assert.StartsWith("body is not JSON", error, StringComparison.Ordinal);
    }

    private static void AssertTask(CeleryTask task, string name, string id, string args, string kwargs)
    {
        Assert.Equal(name, Encoding.UTF8.GetString(task.Name));
        Assert.Equal(id, Encoding.UTF8.GetString(task.Id));
        Assert.Equal(args, Encoding.UTF8.GetString(task.Args));
        Assert.Equal(kwargs, Encoding.UTF8.GetString(task.Kwargs));
    }

    // Header strings arrive from RabbitMQ.Client as byte[] (AMQP longstr).
    private static Dictionary<string, object?> Delivered(params (string Key, string Value)[] headers) =>
        headers.ToDictionary(h => h.Key, h => (object?)Encoding.UTF8.GetBytes(h.Value));
}

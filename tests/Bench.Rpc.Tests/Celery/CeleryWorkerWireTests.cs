using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Bench.Rpc.Celery;
using Bench.Rpc.Raw;
using Bench.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bench.Rpc.Tests.Celery;

/// <summary>
/// Bench's Celery worker on a real broker, fed task messages shaped exactly as Celery 5.2.6 sends them (the captures):
/// its result messages must be the captured bytes and properties, its pooled reply state must never leak one task's id
/// into another's result, and a malformed message is still rejected without a reply. The raw baseline worker (plain
/// RabbitMQ.Client, the floor Bench's worker is measured against) answers with the same bytes but a null value.
/// </summary>
public sealed class CeleryWorkerWireTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly string _queue = BrokerFixture.UniqueName("celery-wire");
    private readonly Channel<BasicDeliverEventArgs> _replies = Channel.CreateUnbounded<BasicDeliverEventArgs>();
    private IConnection? _connection;
    private IChannel? _raw;
    private string _replyQueue = string.Empty;
    private CeleryWorker? _worker;

    public async ValueTask InitializeAsync()
    {
        _worker = await CeleryWorker.StartAsync(broker.Uri.Uri, new TestManager(), new CeleryWorkerOptions { Queue = _queue });
        _connection = await AmqpConnector.CreateFactory(broker.Uri.Uri, "bench-celery-wire").CreateConnectionAsync();
        _raw = await _connection.CreateChannelAsync();
        _replyQueue = (await _raw.QueueDeclareAsync(BrokerFixture.UniqueName("celery-wire-replies"), durable: false, exclusive: true, autoDelete: true)).QueueName;
        var consumer = new AsyncEventingBasicConsumer(_raw);
        consumer.ReceivedAsync += (_, e) =>
        {
            // The body's memory is the client's until this returns: keep a copy.
            _replies.Writer.TryWrite(new BasicDeliverEventArgs(e.ConsumerTag, e.DeliveryTag, e.Redelivered, e.Exchange, e.RoutingKey, e.BasicProperties, e.Body.ToArray()));
            return Task.CompletedTask;
        };
        await _raw.BasicConsumeAsync(_replyQueue, autoAck: true, consumer);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker!.DisposeAsync();
        await _raw!.CloseAsync();
        await _connection!.DisposeAsync();
    }

    [Theory]
    [InlineData("success", "tasks.add", "[4, 4]")]
    [InlineData("unregistered_task", "tasks.nope", "[]")]
    public async Task A_v2_task_gets_the_captured_result_bytes_and_properties(string capture, string taskName, string args)
    {
        var expected = Vectors.Load("celery_worker_replies.json", capture).GetProperty("replies")[0];
        var id = expected.GetProperty("properties").GetProperty("correlation_id").GetString()!;

        await PublishV2Async(taskName, id, args);
        var reply = await NextReplyAsync();

        Assert.Equal(expected.GetProperty("body_raw").GetString(), Encoding.UTF8.GetString(reply.Body.Span));
        var properties = expected.GetProperty("properties");
        Assert.Equal(properties.GetProperty("content_type").GetString(), reply.BasicProperties.ContentType);
        Assert.Equal(properties.GetProperty("content_encoding").GetString(), reply.BasicProperties.ContentEncoding);
        Assert.Equal(properties.GetProperty("delivery_mode").GetInt32(), (int)reply.BasicProperties.DeliveryMode);
        Assert.Equal(properties.GetProperty("priority").GetInt32(), reply.BasicProperties.Priority);
        Assert.Equal(id, reply.BasicProperties.CorrelationId);
        Assert.Empty(reply.BasicProperties.Headers ?? new Dictionary<string, object?>()); // RabbitMQ.Client reads back an empty table as none
        Assert.Equal(string.Empty, reply.Exchange);
    }

    [Fact]
    public async Task A_captured_v1_task_gets_the_same_result_as_v2()
    {
        var message = Vectors.Load("celery_request_v1.json", "messages")[0];
        var id = message.GetProperty("properties").GetProperty("correlation_id").GetString()!;
        var properties = new BasicProperties { ContentType = CeleryWire.ContentType, ContentEncoding = CeleryWire.ContentEncoding, CorrelationId = id, ReplyTo = _replyQueue, Headers = new Dictionary<string, object?>() };

        await _raw!.BasicPublishAsync(string.Empty, _queue, mandatory: false, properties, Encoding.UTF8.GetBytes(message.GetProperty("body_raw").GetString()!));
        var reply = await NextReplyAsync();

        Assert.Equal($"{{\"task_id\": \"{id}\", \"status\": \"SUCCESS\", \"result\": 8, \"traceback\": null, \"children\": []}}", Encoding.UTF8.GetString(reply.Body.Span));
        Assert.Equal(id, reply.BasicProperties.CorrelationId);
    }

    [Fact]
    public async Task Hundreds_of_tasks_in_flight_each_get_their_own_id_and_result()
    {
        const int Tasks = 400;
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => PublishV2Async("tasks.add", "task-" + i, $"[{i}, 1000]")));

        var seen = new HashSet<string>();
        for (var n = 0; n < Tasks; n++)
        {
            var reply = await NextReplyAsync();
            using var result = JsonDocument.Parse(reply.Body);
            var id = result.RootElement.GetProperty("task_id").GetString()!;
            Assert.Equal(id, reply.BasicProperties.CorrelationId);
            Assert.Equal(int.Parse(id["task-".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1000, result.RootElement.GetProperty("result").GetInt64());
            Assert.True(seen.Add(id), "a duplicate result for " + id);
        }

        Assert.Equal(Tasks, _worker!.Succeeded);
    }

    [Fact]
    public async Task A_malformed_task_is_rejected_without_a_reply_and_the_next_one_is_answered()
    {
        await PublishV2Async("tasks.add", "bad-1", args: null, body: "[[4, 4], {}"u8.ToArray());
        await PublishV2Async("tasks.add", "bad-2", args: null, body: "{\"args\": [4, 4]}"u8.ToArray());
        await PublishV2Async("tasks.add", "good", "[2, 3]");

        var reply = await NextReplyAsync();

        Assert.Equal("good", reply.BasicProperties.CorrelationId);
        Assert.Equal(2, _worker!.Rejected);
        Assert.False(_replies.Reader.TryRead(out _));
        Assert.Equal(0u, await _raw!.MessageCountAsync(_queue)); // rejected, not requeued
    }

    [Fact]
    public async Task A_task_with_ignore_result_is_run_without_a_reply()
    {
        await PublishV2Async("tasks.add", "quiet", "[1, 1]", ignoreResult: true);
        await PublishV2Async("tasks.add", "loud", "[1, 1]");

        var reply = await NextReplyAsync();

        Assert.Equal("loud", reply.BasicProperties.CorrelationId);
        Assert.Equal(2, _worker!.Succeeded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_raw_baseline_answers_with_the_captured_result_bytes_but_a_null_value_honours_ignore_result_and_acks(bool acksLate)
    {
        var queue = BrokerFixture.UniqueName("celery-wire-raw");
        var baseline = await RawCeleryWorker.StartAsync(broker.Uri.Uri, new CeleryWorkerOptions { Queue = queue, AcksLate = acksLate }, NullLogger.Instance);
        var expected = Vectors.Load("celery_worker_replies.json", "success").GetProperty("replies")[0];
        var id = expected.GetProperty("properties").GetProperty("correlation_id").GetString()!;

        await PublishV2Async("tasks.add", "quiet", "[1, 1]", ignoreResult: true, queue: queue);
        await PublishV2Async("tasks.add", id, "[4, 4]", queue: queue);
        var reply = await NextReplyAsync();
        await baseline.DisposeAsync(); // a task left unacked would go back to the queue now

        Assert.Equal(expected.GetProperty("body_raw").GetString()!.Replace("\"result\": 8", "\"result\": null", StringComparison.Ordinal), Encoding.UTF8.GetString(reply.Body.Span));
        Assert.Equal(id, reply.BasicProperties.CorrelationId);
        var properties = expected.GetProperty("properties");
        Assert.Equal((properties.GetProperty("content_type").GetString(), properties.GetProperty("delivery_mode").GetInt32()), (reply.BasicProperties.ContentType, (int)reply.BasicProperties.DeliveryMode));
        Assert.False(_replies.Reader.TryRead(out _)); // "quiet" asked for no result
        Assert.Equal(0u, await _raw!.MessageCountAsync(queue)); // both acked: none came back when the worker closed
    }

    private async Task PublishV2Async(string task, string id, string? args, byte[]? body = null, bool ignoreResult = false, string? queue = null)
    {
        var payload = new System.Buffers.ArrayBufferWriter<byte>();
        if (body is null)
        {
            CeleryWire.WriteBody(payload, Encoding.UTF8.GetBytes(args!), "{}"u8);
        }

        var properties = new BasicProperties
        {
            ContentType = CeleryWire.ContentType,
            ContentEncoding = CeleryWire.ContentEncoding,
            DeliveryMode = DeliveryModes.Persistent,
            CorrelationId = id,
            ReplyTo = _replyQueue,
            Headers = CeleryWire.Headers(task, id, args ?? "?", ignoreResult, "bench-test"),
        };
        await _raw!.BasicPublishAsync(string.Empty, queue ?? _queue, mandatory: false, properties, body ?? payload.WrittenMemory);
    }

    private async Task<BasicDeliverEventArgs> NextReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _replies.Reader.ReadAsync(timeout.Token);
    }
}

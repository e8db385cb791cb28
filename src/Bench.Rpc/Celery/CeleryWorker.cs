using System.Buffers;
using System.Text.Json;
using Bench.Rpc.Dispatch;
using Bench.Rpc.Server;
using Bench.Rpc.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace Bench.Rpc.Celery;

/// <summary>
/// Serves real Celery clients with a <see cref="Manager"/>'s methods as tasks (tasks.add → add): consumes the task
/// queue with global QoS of multiplier × concurrency, acks as Celery does (before the task runs; after, with
/// acks_late), replies SUCCESS or FAILURE on the rpc:// reply queue, answers an unknown task with a NotRegistered
/// FAILURE (and rejects it), understands protocol v1 bodies, and honours ignore_result and an empty reply_to.
/// Undecodable messages are rejected without a reply, as Celery does.
/// </summary>
public sealed class CeleryWorker : IAsyncDisposable
{
    private static readonly BasicProperties s_replyProperties = new()
    {
        ContentType = CeleryWire.ContentType,
        ContentEncoding = CeleryWire.ContentEncoding,
        DeliveryMode = DeliveryModes.Transient, // result_persistent=False
        Priority = 0,
    };

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Dispatcher _dispatcher;
    private readonly CeleryWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly Dictionary<string, MethodPacer> _pacers;
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private long _succeeded;
    private long _failed;
    private long _rejected;
    private string? _consumerTag;

    private CeleryWorker(IConnection connection, IChannel channel, Manager manager, CeleryWorkerOptions options, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _dispatcher = new Dispatcher(manager);
        _options = options;
        _logger = logger;
        _concurrency = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _pacers = options.RateLimits.ToDictionary(kv => kv.Key, kv => new MethodPacer(kv.Value), StringComparer.Ordinal);
        Connection = new ConnectionWatch(connection, options.ClientName, logger);
    }

    /// <summary>The connection's state through losses and recoveries (RabbitMQ.Client redeclares the queue and the consumer).</summary>
    public ConnectionWatch Connection { get; }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Messages rejected: undecodable, or an unregistered task.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public static async Task<CeleryWorker> StartAsync(Uri amqpUri, Manager manager, CeleryWorkerOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        options ??= new CeleryWorkerOptions();
        logger ??= NullLogger.Instance;
        var connection = await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await CeleryTopology.DeclareTaskQueueAsync(channel, options.Queue, cancellationToken);
            if (options.PrefetchMultiplier > 0)
            {
                // Global QoS, as Celery uses on RabbitMQ: the limit covers the whole worker, not each consumer.
                await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, options.PrefetchMultiplier * options.Concurrency), global: true, cancellationToken);
            }

            var worker = new CeleryWorker(connection, channel, manager, options, logger);
            worker._consumerTag = await channel.BasicConsumeAsync(options.Queue, autoAck: false, new TaskConsumer(channel, worker), cancellationToken);
            logger.LogInformation("Celery worker on queue {Queue}: tasks {Tasks}", options.Queue, string.Join(", ", worker._dispatcher.MethodNames.Select(m => options.TaskPrefix + m)));
            return worker;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_consumerTag is not null)
            {
                await _channel.BasicCancelAsync(_consumerTag);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref _inFlight) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException or IOException)
        {
            // The connection is gone: nothing is in flight on it any more.
        }

        await _stopping.CancelAsync();
        await AmqpConnector.CloseAsync(_connection, _channel);
        _stopping.Dispose();
        _concurrency.Dispose();
    }

    private async Task HandleAsync(ulong tag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        await _concurrency.WaitAsync();
        Interlocked.Increment(ref _inFlight);
        var detached = false;
        try
        {
            if (properties.ContentType is { } contentType && contentType != CeleryWire.ContentType)
            {
                Reject(tag, $"content type '{contentType}' is not accepted (json only)");
                return;
            }

            if (!TryReadTask(properties, body.Span, out var task, out var id, out var args, out var kwargs, out var error))
            {
                Reject(tag, error!);
                return;
            }

            var replyTo = CeleryWire.HeaderBool(properties.Headers, "ignore_result") || string.IsNullOrEmpty(properties.ReplyTo) ? null : properties.ReplyTo;
            var correlation = properties.CorrelationId ?? id;
            var invoker = task.StartsWith(_options.TaskPrefix, StringComparison.Ordinal) ? _dispatcher.Find(task[_options.TaskPrefix.Length..]) : null;
            if (invoker is null)
            {
                _logger.LogWarning("Received unregistered task {Task}", task);
                await _channel.BasicRejectAsync(tag, requeue: false);
                Interlocked.Increment(ref _rejected);
                await ReplyAsync(replyTo, correlation, id, ArrayBufferWriterFor(), new RemoteError("NotRegistered", "celery.exceptions", task));
                return;
            }

            var frame = invoker.TryBindPositional(args.Span, kwargs.Span, _dispatcher.Options, out var bindError);
            if (!_options.AcksLate)
            {
                await _channel.BasicAckAsync(tag, multiple: false); // Celery acks just before the task runs
            }

            if (frame is null)
            {
                await FinishAsync(tag, replyTo, correlation, id, new ArrayBufferWriter<byte>(), RpcErrors.TypeError(bindError!));
                return;
            }

            if (_pacers.TryGetValue(invoker.Name, out var pacer))
            {
                await pacer.WaitAsync(_stopping.Token);
            }

            var result = new ArrayBufferWriter<byte>(64);
            ValueTask running;
            try
            {
                running = invoker.InvokeAsync(_dispatcher.Manager, frame, null, result, _dispatcher.Options, _stopping.Token);
            }
            catch (Exception e)
            {
                running = ValueTask.FromException(e);
            }

            if (running.IsCompleted)
            {
                await FinishAsync(tag, replyTo, correlation, id, result, Fault(running));
            }
            else
            {
                detached = true;
                _ = CompleteLaterAsync(running, tag, replyTo, correlation, id, result);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning("Task delivery {Tag} failed: {Error}", tag, e.Message);
        }
        finally
        {
            if (!detached)
            {
                Release();
            }
        }
    }

    private async Task CompleteLaterAsync(ValueTask running, ulong tag, string? replyTo, string correlation, string id, ArrayBufferWriter<byte> result)
    {
        RemoteError? error = null;
        try
        {
            await running;
        }
        catch (Exception e)
        {
            error = RpcErrors.FromException(e);
        }

        try
        {
            await FinishAsync(tag, replyTo, correlation, id, result, error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning("Could not finish task {Id}: {Error}", id, e.Message);
        }
        finally
        {
            Release();
        }
    }

    private async Task FinishAsync(ulong tag, string? replyTo, string correlation, string id, ArrayBufferWriter<byte> result, RemoteError? error)
    {
        Interlocked.Increment(ref error is null ? ref _succeeded : ref _failed);
        await ReplyAsync(replyTo, correlation, id, result, error);
        if (_options.AcksLate)
        {
            await _channel.BasicAckAsync(tag, multiple: false);
        }
    }

    private async Task ReplyAsync(string? replyTo, string correlation, string id, ArrayBufferWriter<byte> result, RemoteError? error)
    {
        if (replyTo is null)
        {
            return;
        }

        var buffer = MessageBuffer.Rent();
        try
        {
            CeleryWire.WriteResult(buffer.Body, id, error is null, result.WrittenSpan, error);
            var properties = new BasicProperties(s_replyProperties) { CorrelationId = correlation, Headers = new Dictionary<string, object?>() };
            await _channel.BasicPublishAsync(string.Empty, replyTo, mandatory: false, properties, buffer.Body.WrittenMemory);
        }
        finally
        {
            buffer.Return();
        }
    }

    private void Reject(ulong tag, string reason)
    {
        _logger.LogWarning("Rejected a task message: {Reason}", reason);
        Interlocked.Increment(ref _rejected);
        _ = _channel.BasicRejectAsync(tag, requeue: false).AsTask();
    }

    private void Release()
    {
        Interlocked.Decrement(ref _inFlight);
        _concurrency.Release();
    }

    private static RemoteError? Fault(ValueTask completed)
    {
        try
        {
            completed.GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e)
        {
            return RpcErrors.FromException(e);
        }
    }

    private static ArrayBufferWriter<byte> ArrayBufferWriterFor() => new(16);

    /// <summary>Protocol v2: task and id in headers, body [args, kwargs, embed]; v1: no task header, everything in a body object.</summary>
    private static bool TryReadTask(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body, out string task, out string id, out ReadOnlyMemory<byte> args, out ReadOnlyMemory<byte> kwargs, out string? error)
    {
        task = id = string.Empty;
        args = kwargs = default;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (CeleryWire.HeaderString(properties.Headers, "task") is { } v2Task)
            {
                task = v2Task;
                id = CeleryWire.HeaderString(properties.Headers, "id") ?? properties.CorrelationId ?? string.Empty;
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 2)
                {
                    error = "protocol v2 body is not [args, kwargs, embed]";
                    return false;
                }

                args = System.Text.Encoding.UTF8.GetBytes(root[0].GetRawText());
                kwargs = System.Text.Encoding.UTF8.GetBytes(root[1].GetRawText());
                return true;
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("task", out var v1Task) && v1Task.ValueKind == JsonValueKind.String)
            {
                task = v1Task.GetString()!;
                id = root.TryGetProperty("id", out var v1Id) ? v1Id.GetString() ?? string.Empty : string.Empty;
                args = root.TryGetProperty("args", out var a) ? System.Text.Encoding.UTF8.GetBytes(a.GetRawText()) : "[]"u8.ToArray();
                kwargs = root.TryGetProperty("kwargs", out var k) ? System.Text.Encoding.UTF8.GetBytes(k.GetRawText()) : "{}"u8.ToArray();
                return true;
            }

            error = "no task name: neither a protocol v2 'task' header nor a v1 body";
            return false;
        }
        catch (JsonException e)
        {
            error = "body is not JSON: " + e.Message;
            return false;
        }
    }

    private sealed class TaskConsumer(IChannel channel, CeleryWorker worker) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            worker.HandleAsync(deliveryTag, properties, body);
    }
}

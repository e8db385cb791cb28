using System.Text;
using Bench.Rpc.Dispatch;
using Bench.Rpc.Server;
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
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Dispatcher _dispatcher;
    private readonly CeleryWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly SlotGate _slots;
    private readonly Dictionary<string, MethodPacer> _pacers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ReplyRouteCache _replyRoutes = new();
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly byte[] _taskPrefix;
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
        _taskPrefix = Encoding.UTF8.GetBytes(options.TaskPrefix);
        _logger = logger;
        _slots = new SlotGate(options.Concurrency);
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
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await CeleryTopology.OpenWorkerChannelAsync(connection, options, cancellationToken);

            var worker = new CeleryWorker(connection, channel, manager, options, logger);
            worker._consumerTag = await channel.BasicConsumeAsync(options.Queue, autoAck: false, new TaskConsumer(channel, worker), cancellationToken);
            logger.LogInformation("Celery worker on queue {Queue}: tasks {Tasks}", options.Queue, string.Join(", ", worker._dispatcher.MethodNames.Select(m => options.TaskPrefix + m)));
            return worker;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ConsumerDrain.CancelAndWaitAsync(_channel, _consumerTag, () => _slots.Count > 0);
        await _stopping.CancelAsync();
        await AmqpConnector.CloseAsync(_connection, _channel);
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task HandleAsync(ulong tag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        if (!_slots.TryEnter())
        {
            await _slots.WaitTurnAsync();
        }

        var detached = false;
        var work = CeleryWorkItem.Rent();
        work.DeliveryTag = tag;
        try
        {
            if (properties.ContentType is { } contentType && contentType != CeleryWire.ContentType)
            {
                Reject(tag, $"content type '{contentType}' is not accepted (json only)");
                return;
            }

            if (!CeleryTaskReader.TryRead(properties.Headers, properties.CorrelationId, body.Span, out var task, out var error))
            {
                Reject(tag, error!);
                return;
            }

            // Everything the reply needs is kept now: the body is not read after the task is bound.
            work.SetId(task.Id);
            work.ReplyRoute = CeleryWire.HeaderBool(properties.Headers, "ignore_result") || string.IsNullOrEmpty(properties.ReplyTo) ? null : _replyRoutes.Get(properties.ReplyTo);
            work.Properties.CorrelationId = properties.CorrelationId ?? Encoding.UTF8.GetString(task.Id);
            var invoker = task.Name.StartsWith(_taskPrefix) ? _dispatcher.Find(task.Name[_taskPrefix.Length..]) : null;
            if (invoker is null)
            {
                var name = Encoding.UTF8.GetString(task.Name);
                _logger.LogWarning("Received unregistered task {Task}", name);
                await _channel.BasicRejectAsync(tag, requeue: false);
                Interlocked.Increment(ref _rejected);
                await ReplyAsync(work, new RemoteError("NotRegistered", "celery.exceptions", name));
                return;
            }

            var frame = invoker.TryBindPositional(task.Args, task.Kwargs, _dispatcher.Options, out var bindError);
            if (!_options.AcksLate)
            {
                await _channel.BasicAckAsync(tag, multiple: false); // Celery acks just before the task runs
            }

            if (frame is null)
            {
                await FinishAsync(work, RpcErrors.TypeError(bindError!));
                return;
            }

            if (_pacers.TryGetValue(invoker.Name, out var pacer))
            {
                await pacer.WaitAsync(_stopping.Token);
            }

            ValueTask running;
            try
            {
                running = invoker.InvokeAsync(_dispatcher.Manager, frame, null, work.Result, _dispatcher.Options, _stopping.Token);
            }
            catch (Exception e)
            {
                running = ValueTask.FromException(e);
            }

            if (running.IsCompleted)
            {
                await FinishAsync(work, Fault(running));
            }
            else
            {
                detached = true;
                _ = CompleteLaterAsync(running, work);
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
                work.Return();
                Release();
            }
        }
    }

    private async Task CompleteLaterAsync(ValueTask running, CeleryWorkItem work)
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
            await FinishAsync(work, error);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning("Could not finish task {Id}: {Error}", Encoding.UTF8.GetString(work.Id), e.Message);
        }
        finally
        {
            work.Return();
            Release();
        }
    }

    private async Task FinishAsync(CeleryWorkItem work, RemoteError? error)
    {
        Interlocked.Increment(ref error is null ? ref _succeeded : ref _failed);
        await ReplyAsync(work, error);
        if (_options.AcksLate)
        {
            await _channel.BasicAckAsync(work.DeliveryTag, multiple: false);
        }
    }

    private async Task ReplyAsync(CeleryWorkItem work, RemoteError? error)
    {
        if (work.ReplyRoute is null)
        {
            return;
        }

        CeleryWire.WriteResult(work.Reply, work.Id, error is null, work.Result.WrittenSpan, error);
        await _channel.BasicPublishAsync(_defaultExchange, work.ReplyRoute, mandatory: false, work.Properties, work.Reply.WrittenMemory);
    }

    private void Reject(ulong tag, string reason)
    {
        _logger.LogWarning("Rejected a task message: {Reason}", reason);
        Interlocked.Increment(ref _rejected);
        _ = _channel.BasicRejectAsync(tag, requeue: false).AsTask();
    }

    private void Release() => _slots.Exit();

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

    private sealed class TaskConsumer(IChannel channel, CeleryWorker worker) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            worker.HandleAsync(deliveryTag, properties, body);
    }
}

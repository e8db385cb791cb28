using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Bench.Rpc.Dispatch;
using Bench.Rpc.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// Hosts a <see cref="Manager"/> on a topic, as Nova's Service does: consumes T, T.host and its own fanout queue with
/// oslo.messaging's topology, dispatches each request, replies to calls, and runs the report (heartbeat) loop and
/// the periodic tasks. Bad input never stops it: a call gets a failure reply, a cast is logged and dead-lettered.
/// <see cref="StopAsync"/> (or dispose, or SIGTERM in the worker) is a soft shutdown that drains in-flight calls.
/// </summary>
public sealed class Service : IAsyncDisposable
{
    private static readonly BasicProperties s_replyProperties = new()
    {
        ContentType = "application/json",
        ContentEncoding = "utf-8",
        DeliveryMode = DeliveryModes.Persistent,
        Priority = 0,
    };

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IChannel _replyChannel;
    private readonly Dispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly DuplicateFilter _duplicates = new();
    private readonly Dictionary<string, CachedString> _replyRoutes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedString>.AlternateLookup<ReadOnlySpan<char>> _replyRouteLookup;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private readonly SemaphoreSlim _concurrency;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _consumerTags = [];
    private readonly List<MethodInfo> _periodicTasks;
    private readonly Dictionary<string, MethodPacer> _pacers;
    private Task? _reportLoop;
    private Task? _periodicLoop;
    private Task? _stopTask;
    private int _inFlight;
    private long _received;
    private long _replies;
    private long _failures;
    private long _deadLettered;
    private long _duplicateCount;
    private long _returnedReplies;
    private long _reportCount;
    private long _periodicRuns;

    private Service(IConnection connection, IChannel channel, IChannel replyChannel, Manager manager, ServiceOptions options, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _replyChannel = replyChannel;
        Manager = manager;
        Options = options;
        _logger = logger;
        _dispatcher = new Dispatcher(manager);
        _replyRouteLookup = _replyRoutes.GetAlternateLookup<ReadOnlySpan<char>>();
        _concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _periodicTasks = [.. manager.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<PeriodicTaskAttribute>() is not null)];
        FanoutQueue = options.Topic + "_fanout_" + HexId.NewRandom();
        _pacers = options.RateLimits.ToDictionary(kv => kv.Key, kv => kv.Value > 0 ? new MethodPacer(kv.Value) : throw new ArgumentException($"rate limit for {kv.Key} must be positive"), StringComparer.Ordinal);
    }

    public Manager Manager { get; }

    public ServiceOptions Options { get; }

    /// <summary>This server's own fanout queue (T_fanout_&lt;hex&gt;, new per start).</summary>
    public string FanoutQueue { get; }

    /// <summary>Raised on every beat of the report loop.</summary>
    public event Action<ServiceHeartbeat>? Reported;

    /// <summary>
    /// Raised for each cast that carries a send timestamp (Bench's client stamps them), with the Stopwatch ticks at
    /// send and at receipt: one-way latency measured at the worker. Runs on the consumer loop: keep it tiny.
    /// </summary>
    public Action<long, long>? CastReceived { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Received => Interlocked.Read(ref _received);

    public long Replies => Interlocked.Read(ref _replies);

    /// <summary>Failure replies sent (remote errors, bad input on calls).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public long Duplicates => Interlocked.Read(ref _duplicateCount);

    /// <summary>Replies the broker returned because their reply queue was gone.</summary>
    public long ReturnedReplies => Interlocked.Read(ref _returnedReplies);

    public long ReportCount => Interlocked.Read(ref _reportCount);

    public long PeriodicRuns => Interlocked.Read(ref _periodicRuns);

    public static async Task<Service> StartAsync(Uri amqpUri, Manager manager, ServiceOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        manager.Host = options.Host;
        var connection = await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, logger, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var replyChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var service = new Service(connection, channel, replyChannel, manager, options, logger);
            await service.StartCoreAsync(cancellationToken);
            return service;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Soft shutdown: stop consuming, wait for in-flight calls (up to ShutdownTimeout), then close.</summary>
    public Task StopAsync()
    {
        lock (_consumerTags)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _concurrency.Dispose();
    }

    internal async Task HandleDeliveryAsync(ulong deliveryTag, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        Interlocked.Increment(ref _received);
        await _concurrency.WaitAsync();
        Interlocked.Increment(ref _inFlight);
        var detached = false;
        var work = WorkItem.Rent();
        work.DeliveryTag = deliveryTag;
        try
        {
            if (Options.AckMode == AckMode.OnReceipt)
            {
                await _channel.BasicAckAsync(deliveryTag, multiple: false);
            }

            Prepare(work, properties, body.Span);
            var pending = default(ValueTask);
            if (work.Kind == WorkKind.Dispatch)
            {
                if (_pacers.TryGetValue(work.Invoker!.Name, out var pacer))
                {
                    await pacer.WaitAsync(_stopping.Token);
                }

                pending = Invoke(work);
            }

            switch (work.Kind)
            {
                case WorkKind.Dispatch when pending.IsCompletedSuccessfully:
                    pending.GetAwaiter().GetResult();
                    await FinishAsync(work);
                    break;
                case WorkKind.Dispatch:
                    detached = true; // the method is still running: free the consumer for the next delivery
                    _ = CompleteLaterAsync(work, pending);
                    break;
                case WorkKind.FailureReply:
                    await SendFailureAsync(work, work.Error!);
                    break;
                case WorkKind.DeadLetter:
                    await DeadLetterAsync(work.Reason!, exchange, routingKey, properties, body);
                    break;
            }
        }
        catch (Exception e)
        {
            await HandleFaultAsync(work, e);
        }
        finally
        {
            if (!detached)
            {
                await ReleaseAsync(work);
            }
        }
    }

    // Everything that reads the body happens here, synchronously: after this only copies are used.
    private void Prepare(WorkItem work, IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body)
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
            var isCall = request.IsCall && work.SetReplyAddress(request.MessageId, ResolveReplyRoute(properties, request.ReplyQueue));
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

            if (!request.UniqueId.IsEmpty && _duplicates.IsDuplicate(request.UniqueId))
            {
                Interlocked.Increment(ref _duplicateCount);
                work.Kind = WorkKind.Drop;
                return;
            }

            if (!isCall && request.SentTimestamp != 0)
            {
                CastReceived?.Invoke(request.SentTimestamp, Stopwatch.GetTimestamp());
            }

            var invoker = request.EscapedMethod is { } escaped ? _dispatcher.Find(escaped) : _dispatcher.Find(request.Method);
            var methodName = invoker?.Name ?? request.EscapedMethod ?? Encoding.UTF8.GetString(request.Method);
            var error = _dispatcher.CheckTarget(request.Namespace, request.Version, methodName);
            if (error is null && invoker is null)
            {
                error = RpcErrors.NoSuchMethod(methodName);
            }

            ArgFrame? frame = null;
            if (error is null && (frame = invoker!.TryBind(request.Args, _dispatcher.Options, out var bindError)) is null)
            {
                error = RpcErrors.TypeError(bindError!);
            }

            if (error is not null)
            {
                RejectOrFail(work, isCall, error);
                return;
            }

            work.Kind = WorkKind.Dispatch;
            work.IsCall = isCall;
            work.CallMonitorTimeout = request.CallMonitorTimeout;
            work.Invoker = invoker;
            work.Frame = frame;
            work.Context = request.HasContext && invoker!.WantsContext ? OsloReader.ReadContext(inner) : null;
            return;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private ValueTask Invoke(WorkItem work)
    {
        var frame = work.Frame!;
        work.Frame = null;
        try
        {
            return work.Invoker!.InvokeAsync(Manager, frame, work.Context, work.Result, _dispatcher.Options, _stopping.Token);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e); // a handler that throws before its first await
        }
    }

    private static void Reject(WorkItem work, string reason)
    {
        work.Kind = WorkKind.DeadLetter;
        work.Reason = reason;
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

        work.Kind = WorkKind.FailureReply;
        work.Error = error;
    }

    private async Task CompleteLaterAsync(WorkItem work, ValueTask pending)
    {
        try
        {
            if (work.IsCall && work.CallMonitorTimeout is >= 2 and var seconds)
            {
                await WithHeartbeatsAsync(work, pending.AsTask(), TimeSpan.FromSeconds(seconds / 2.0));
            }
            else
            {
                await pending;
            }

            await FinishAsync(work);
        }
        catch (Exception e)
        {
            await HandleFaultAsync(work, e);
        }
        finally
        {
            await ReleaseAsync(work);
        }
    }

    // oslo's call monitor: while a long call runs, an ending:false reply every _timeout/2 s tells the caller it is alive.
    private async Task WithHeartbeatsAsync(WorkItem work, Task running, TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        while (!running.IsCompleted)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(running, tick) == tick && !running.IsCompleted)
            {
                await PublishReplyAsync(work, result: default, failure: default, ending: false);
            }
        }

        await running;
    }

    private async Task FinishAsync(WorkItem work)
    {
        if (work.IsCall)
        {
            await PublishReplyAsync(work, work.Result.WrittenMemory, failure: default, ending: true);
            Interlocked.Increment(ref _replies);
        }
    }

    private async Task HandleFaultAsync(WorkItem work, Exception exception)
    {
        var error = RpcErrors.FromException(exception);
        if (work.Kind == WorkKind.Dispatch && work.IsCall)
        {
            _logger.LogDebug("Call failed: {Class}: {Message}", error.ExceptionClass, error.RemoteMessage);
            try
            {
                await SendFailureAsync(work, error);
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not send a failure reply: {Error}", e.Message);
            }
        }
        else
        {
            _logger.LogWarning("Request failed without a caller to tell: {Class}: {Message}", error.ExceptionClass, error.RemoteMessage);
        }
    }

    private async Task SendFailureAsync(WorkItem work, RemoteError error)
    {
        _logger.LogDebug("Failure reply: {Class}: {Message}", error.ExceptionClass, error.RemoteMessage);
        work.Result.ResetWrittenCount();
        OsloWriter.WriteFailure(work.Result, error.ExceptionClass, error.Module, error.RemoteMessage, error.Traceback,
            error.KwargsJson is null ? default : Encoding.UTF8.GetBytes(error.KwargsJson));
        await PublishReplyAsync(work, result: default, failure: work.Result.WrittenMemory, ending: true);
        Interlocked.Increment(ref _failures);
    }

    private async Task PublishReplyAsync(WorkItem work, ReadOnlyMemory<byte> result, ReadOnlyMemory<byte> failure, bool ending)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            Span<byte> uniqueId = stackalloc byte[HexId.Length];
            HexId.WriteUnique(uniqueId);
            OsloWriter.WriteReply(buffer.Body, buffer.Scratch, result.Span, failure.Span, ending, work.MessageId, uniqueId);
            // mandatory: a vanished reply queue comes back as basic.return (counted) instead of vanishing silently.
            await _replyChannel.BasicPublishAsync(_defaultExchange, work.ReplyRoute!, mandatory: true, s_replyProperties, buffer.Body.WrittenMemory);
        }
        finally
        {
            buffer.Return();
        }
    }

    private async Task DeadLetterAsync(string reason, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        _logger.LogWarning("Dead-lettered a message from {Exchange}/{RoutingKey} to {Queue}: {Reason}", exchange, routingKey, Options.EffectiveDeadLetterQueue, reason);
        var deadLetter = new BasicProperties
        {
            ContentType = properties.ContentType,
            ContentEncoding = properties.ContentEncoding,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                ["x-bench-reason"] = reason,
                ["x-bench-exchange"] = exchange,
                ["x-bench-routing-key"] = routingKey,
                ["x-bench-service"] = Options.ClientName,
            },
        };
        await _replyChannel.BasicPublishAsync(string.Empty, Options.EffectiveDeadLetterQueue, mandatory: false, deadLetter, body);
        Interlocked.Increment(ref _deadLettered);
    }

    private async Task ReleaseAsync(WorkItem work)
    {
        try
        {
            if (Options.AckMode == AckMode.AfterHandling && !_channel.IsClosed)
            {
                await _channel.BasicAckAsync(work.DeliveryTag, multiple: false);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("Could not ack delivery {Tag}: {Error}", work.DeliveryTag, e.Message);
        }
        finally
        {
            work.Return();
            Interlocked.Decrement(ref _inFlight);
            _concurrency.Release();
        }
    }

    private CachedString? ResolveReplyRoute(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> replyQueue)
    {
        // Direct reply-to: the broker rewrote reply_to to the caller's channel address; the body's _reply_q cannot say it.
        if (properties.ReplyTo is { } replyTo && replyTo.StartsWith("amq.rabbitmq.reply-to", StringComparison.Ordinal))
        {
            if (!_replyRoutes.TryGetValue(replyTo, out var direct))
            {
                _replyRoutes[replyTo] = direct = new CachedString(replyTo);
            }

            return direct;
        }

        if (replyQueue.IsEmpty || replyQueue.Length > 255)
        {
            return null;
        }

        Span<char> name = stackalloc char[replyQueue.Length];
        var length = Encoding.UTF8.GetChars(replyQueue, name);
        if (_replyRouteLookup.TryGetValue(name[..length], out var route))
        {
            return route;
        }

        var text = new string(name[..length]);
        _replyRoutes[text] = route = new CachedString(text);
        return route;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var o = Options;
        var topicArguments = o.QueueKind == QueueKind.Quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null;
        var durableTopic = o.Durable || o.QueueKind == QueueKind.Quorum;
        await _channel.ExchangeDeclareAsync(o.ControlExchange, ExchangeType.Topic, durable: o.Durable, autoDelete: false, cancellationToken: cancellationToken);
        var serverQueue = o.Topic + "." + o.Host;
        foreach (var queue in new[] { o.Topic, serverQueue })
        {
            await _channel.QueueDeclareAsync(queue, durable: durableTopic, exclusive: false, autoDelete: false, arguments: topicArguments, cancellationToken: cancellationToken);
            await _channel.QueueBindAsync(queue, o.ControlExchange, queue, cancellationToken: cancellationToken);
        }

        var fanoutExchange = o.Topic + "_fanout";
        await _channel.ExchangeDeclareAsync(fanoutExchange, ExchangeType.Fanout, durable: false, autoDelete: true, cancellationToken: cancellationToken);
        await _channel.QueueDeclareAsync(FanoutQueue, durable: false, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-expires"] = o.TransientQueueExpiresMs }, cancellationToken: cancellationToken);
        await _channel.QueueBindAsync(FanoutQueue, fanoutExchange, o.Topic, cancellationToken: cancellationToken);
        await _replyChannel.QueueDeclareAsync(o.EffectiveDeadLetterQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        _replyChannel.BasicReturnAsync += (_, e) =>
        {
            Interlocked.Increment(ref _returnedReplies);
            _logger.LogWarning("A reply to {Queue} came back ({Code} {Text}): the caller's reply queue is gone", e.RoutingKey, e.ReplyCode, e.ReplyText);
            return Task.CompletedTask;
        };

        if (o.Prefetch > 0)
        {
            await _channel.BasicQosAsync(0, o.Prefetch, global: false, cancellationToken);
        }

        await Manager.InitHostAsync(cancellationToken);
        var consumer = new RequestConsumer(_channel, this);
        foreach (var queue in new[] { o.Topic, serverQueue, FanoutQueue })
        {
            _consumerTags.Add(await _channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken));
        }

        _reportLoop = ReportLoopAsync(_stopping.Token);
        _periodicLoop = _periodicTasks.Count > 0 ? PeriodicLoopAsync(_stopping.Token) : Task.CompletedTask;
        _logger.LogInformation("Service {Binary} on {Host} consuming {Topic}, {ServerQueue} and {Fanout} (exchange {Exchange}; {Methods})",
            o.Binary, o.Host, o.Topic, serverQueue, FanoutQueue, o.ControlExchange, string.Join(", ", _dispatcher.MethodNames.Order(StringComparer.Ordinal)));
    }

    private async Task StopCoreAsync()
    {
        _logger.LogInformation("Stopping {Binary} on {Host}: {InFlight} request(s) in flight", Options.Binary, Options.Host, InFlight);
        foreach (var tag in _consumerTags)
        {
            try
            {
                await _channel.BasicCancelAsync(tag);
            }
            catch (Exception e)
            {
                _logger.LogDebug("Cancel of consumer {Tag} failed: {Error}", tag, e.Message);
            }
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(Options.ShutdownTimeout.TotalSeconds * Stopwatch.Frequency);
        while (InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5);
        }

        if (InFlight > 0)
        {
            _logger.LogWarning("Shutdown timeout: {InFlight} request(s) still running are abandoned", InFlight);
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_reportLoop ?? Task.CompletedTask, _periodicLoop ?? Task.CompletedTask);
        await AmqpConnector.CloseAsync(_connection, _replyChannel, _channel);
        _logger.LogInformation("Stopped {Binary} on {Host}: {Received} received, {Replies} replies, {Failures} failures, {DeadLettered} dead-lettered",
            Options.Binary, Options.Host, Received, Replies, Failures, DeadLettered);
    }

    private async Task ReportLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.ReportInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var beat = new ServiceHeartbeat(Options.Host, Options.Binary, Options.Topic, Interlocked.Increment(ref _reportCount), DateTimeOffset.UtcNow);
                try
                {
                    Reported?.Invoke(beat);
                }
                catch (Exception e)
                {
                    _logger.LogWarning("A report listener failed: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PeriodicLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.PeriodicInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var task in _periodicTasks)
                {
                    try
                    {
                        var arguments = task.GetParameters().Length == 1 ? new object?[] { cancellationToken } : null;
                        switch (task.Invoke(Manager, arguments))
                        {
                            case Task t:
                                await t;
                                break;
                            case ValueTask v:
                                await v;
                                break;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        _logger.LogWarning("Periodic task {Task} failed: {Error}", task.Name, (e as TargetInvocationException)?.InnerException?.Message ?? e.Message);
                    }
                }

                Interlocked.Increment(ref _periodicRuns);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

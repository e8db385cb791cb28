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
    /// <summary>The shortest oslo `_timeout` (call-monitor window, seconds) answered with heartbeats while a call runs.</summary>
    internal const int MinCallMonitorSeconds = 2;

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IChannel _replyChannel;
    private readonly Dispatcher _dispatcher;
    private readonly RequestReader _reader;
    private readonly ReplyPublisher _replies;
    private readonly PeriodicTasks _periodicTasks;
    private readonly ILogger _logger;
    private readonly SlotGate _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _consumerTags = [];
    private readonly Dictionary<string, MethodPacer> _pacers;
    private Task? _reportLoop;
    private Task? _periodicLoop;
    private Task? _stopTask;
    private long _received;
    private long _replyCount;
    private long _failures;
    private long _reportCount;

    private Service(IConnection connection, IChannel channel, IChannel replyChannel, Manager manager, ServiceOptions options, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _replyChannel = replyChannel;
        Manager = manager;
        Options = options;
        _logger = logger;
        _dispatcher = new Dispatcher(manager);
        _reader = new RequestReader(_dispatcher) { CastDelivered = options.OnCastDelivered };
        _replies = new ReplyPublisher(replyChannel, options, logger);
        _periodicTasks = new PeriodicTasks(manager, logger);
        Connection = new ConnectionWatch(connection, options.ClientName, logger);
        _slots = new SlotGate(options.MaxConcurrency);
        FanoutQueue = options.Topic + "_fanout_" + HexId.NewRandom();
        _pacers = options.RateLimits.ToDictionary(kv => kv.Key, kv => kv.Value > 0 ? new MethodPacer(kv.Value) : throw new ArgumentException($"rate limit for {kv.Key} must be positive"), StringComparer.Ordinal);
    }

    public Manager Manager { get; }

    public ServiceOptions Options { get; }

    /// <summary>The connection's state through losses and recoveries (RabbitMQ.Client redeclares the topology and consumers).</summary>
    public ConnectionWatch Connection { get; }

    /// <summary>This server's own fanout queue (T_fanout_&lt;hex&gt;, new per start).</summary>
    public string FanoutQueue { get; }

    /// <summary>Raised on every beat of the report loop.</summary>
    public event Action<ServiceHeartbeat>? Reported;

    /// <summary>
    /// Raised for each cast that carries a send timestamp (Bench's client stamps them), with the Stopwatch ticks at
    /// send and at receipt: one-way latency measured at the worker. Runs on the consumer loop: keep it tiny.
    /// </summary>
    public Action<long, long>? CastReceived
    {
        get => _reader.CastReceived;
        set => _reader.CastReceived = value;
    }

    /// <summary>See <see cref="Server.CastDelivered"/>: every cast with a unique id, duplicates included.</summary>
    public CastDelivered? CastDelivered
    {
        get => _reader.CastDelivered;
        set => _reader.CastDelivered = value;
    }

    /// <summary>Requests holding a handler slot or waiting for one.</summary>
    public int InFlight => _slots.Count;

    public long Received => Interlocked.Read(ref _received);

    public long Replies => Interlocked.Read(ref _replyCount);

    /// <summary>Failure replies sent (remote errors, bad input on calls).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public long DeadLettered => _replies.DeadLettered;

    public long Duplicates => _reader.Duplicates;

    /// <summary>Replies the broker returned because their reply queue was gone.</summary>
    public long ReturnedReplies => _replies.Returned;

    public long ReportCount => Interlocked.Read(ref _reportCount);

    public long PeriodicRuns => _periodicTasks.Runs;

    public static async Task<Service> StartAsync(Uri amqpUri, Manager manager, ServiceOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        manager.Host = options.Host;
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            // oslo replies on a second channel, so a slow reply never holds up consuming; shared saves the channel.
            var replyChannel = options.SeparateReplyChannel ? await connection.CreateChannelAsync(cancellationToken: cancellationToken) : channel;
            var service = new Service(connection, channel, replyChannel, manager, options, logger);
            await service.StartCoreAsync(cancellationToken);
            return service;
        }, cancellationToken);
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
        _slots.Dispose();
    }

    internal async Task HandleDeliveryAsync(ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        var received = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _received);
        if (!_slots.TryEnter())
        {
            await WaitForSlotAsync();
        }

        var detached = false;
        var work = WorkItem.Rent();
        work.State.DeliveryTag = deliveryTag;
        work.State.Received = received;
        try
        {
            if (Options.AckMode == AckMode.OnReceipt)
            {
                await _channel.BasicAckAsync(deliveryTag, multiple: false);
            }

            _reader.Read(work, properties, body.Span, redelivered);
            var pending = default(ValueTask);
            if (work.State.Kind == WorkKind.Dispatch)
            {
                if (_pacers.TryGetValue(work.State.Invoker!.Name, out var pacer))
                {
                    await pacer.WaitAsync(_stopping.Token);
                }

                // Only a stamped call reports its hops; an unstamped one is not timed past its arrival.
                work.State.HandlerStarted = work.State.Sent != 0 ? Stopwatch.GetTimestamp() : 0;
                pending = Invoke(work);
            }

            switch (work.State.Kind)
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
                    await SendFailureAsync(work, work.State.Error!);
                    break;
                case WorkKind.DeadLetter:
                    await _replies.DeadLetterAsync(work.State.Reason!, exchange, routingKey, properties, body);
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

    // All slots busy: wait, and say so if that lasts (64 stuck handlers silence a worker; that must not be silent).
    private async Task WaitForSlotAsync()
    {
        if (!await _slots.WaitTurnAsync(Options.BusyWarningAfter))
        {
            _logger.LogWarning("All {Slots} handler slots of {Binary} on {Host} have been busy for over {Seconds:0.#} s: deliveries are waiting",
                Options.MaxConcurrency, Options.Binary, Options.Host, Options.BusyWarningAfter.TotalSeconds);
            await _slots.WaitTurnAsync();
        }
    }

    private ValueTask Invoke(WorkItem work)
    {
        var frame = work.State.Frame!;
        work.State.Frame = null;
        var token = _stopping.Token;
        if (Options.HandlerTimeout is { } limit)
        {
            work.State.Deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
            work.State.Deadline.CancelAfter(limit);
            token = work.State.Deadline.Token;
        }

        try
        {
            return work.State.Invoker!.InvokeAsync(Manager, frame, work.State.Context, work.Result, _dispatcher.Options, token);
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e); // a handler that throws before its first await
        }
    }

    private async Task CompleteLaterAsync(WorkItem work, ValueTask pending)
    {
        try
        {
            if (work.State.IsCall && work.State.CallMonitorTimeout is >= MinCallMonitorSeconds and var seconds)
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
                await _replies.PublishReplyAsync(work, result: default, failure: default, ending: false);
            }
        }

        await running;
    }

    private async Task FinishAsync(WorkItem work)
    {
        if (work.State.IsCall)
        {
            work.State.HandlerEnded = work.State.Sent != 0 ? Stopwatch.GetTimestamp() : 0;
            await _replies.PublishReplyAsync(work, work.Result.WrittenMemory, failure: default, ending: true);
            Interlocked.Increment(ref _replyCount);
        }
    }

    private async Task HandleFaultAsync(WorkItem work, Exception exception)
    {
        var error = exception is OperationCanceledException && work.State.Deadline is { IsCancellationRequested: true } && !_stopping.IsCancellationRequested
            ? new RemoteError("MessagingTimeout", "oslo_messaging.exceptions",
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the handler ran longer than --handler-timeout {Options.HandlerTimeout!.Value.TotalSeconds:0.###} s and was cancelled"))
            : RpcErrors.FromException(exception);
        if (work.State.Kind == WorkKind.Dispatch && work.State.IsCall)
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
        await _replies.PublishFailureAsync(work, error);
        Interlocked.Increment(ref _failures);
    }

    private async Task ReleaseAsync(WorkItem work)
    {
        try
        {
            if (Options.AckMode == AckMode.AfterHandling && !_channel.IsClosed)
            {
                await _channel.BasicAckAsync(work.State.DeliveryTag, multiple: false);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("Could not ack delivery {Tag}: {Error}", work.State.DeliveryTag, e.Message);
        }
        finally
        {
            work.Return();
            _slots.Exit();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var o = Options;
        var queues = await ServiceTopology.DeclareAsync(_channel, _replyChannel, o, FanoutQueue, cancellationToken);
        await Manager.InitHostAsync(cancellationToken);
        var consumer = new RequestConsumer(_channel, this);
        foreach (var queue in queues)
        {
            _consumerTags.Add(await _channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken));
        }

        _reportLoop = ReportLoop.RunAsync(o, () => Interlocked.Increment(ref _reportCount), beat => Reported?.Invoke(beat), _logger, _stopping.Token);
        _periodicLoop = _periodicTasks.Any ? _periodicTasks.RunAsync(o.PeriodicInterval, _stopping.Token) : Task.CompletedTask;
        _logger.LogInformation("Service {Binary} on {Host} consuming {Topic}, {ServerQueue} and {Fanout} (exchange {Exchange}; {Methods})",
            o.Binary, o.Host, queues[0], queues[1], FanoutQueue, o.ControlExchange, string.Join(", ", _dispatcher.MethodNames.Order(StringComparer.Ordinal)));
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
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bench.Rpc.Client;
using Bench.Rpc.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace Bench.Rpc;

/// <summary>
/// oslo.messaging's RPC client over RabbitMQ.Client 7: <see cref="CallAsync{T}"/> waits for a reply (or throws a
/// <see cref="RemoteError"/> or <see cref="RpcTimeoutException"/>), <see cref="CastAsync"/> does not.
/// <see cref="TryCallAsync"/> is the load path: it returns the outcome as a value and allocates no id string, no
/// task and no buffer per call in the steady state.
/// </summary>
public sealed class RpcClient : IAsyncDisposable
{
    private const string DirectReplyToQueue = "amq.rabbitmq.reply-to";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly IChannel _castChannel;
    private readonly RpcClientOptions _options;
    private readonly ILogger _logger;
    private readonly PendingCalls _pending;
    private readonly ConnectionWatch _watch;
    private readonly uint _idPrefix = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly ConcurrentDictionary<Target, Route> _routes = new();
    private readonly ConcurrentDictionary<long, BasicProperties> _callProperties = new();
    private readonly BasicProperties _castProperties;
    private long _unmatchedReplies;

    private RpcClient(IConnection connection, IChannel channel, IChannel castChannel, string replyQueue, RpcClientOptions options, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _castChannel = castChannel;
        _options = options;
        _logger = logger;
        _pending = new PendingCalls(options.TimeoutResolution);
        _castProperties = NewProperties();
        _watch = new ConnectionWatch(connection, options.ClientName, logger, _pending.FailAll) { ReplyQueue = replyQueue };
        if (options.ServerWaitAfterRecovery > TimeSpan.Zero)
        {
            // oslo names a server's queue after the routing key it is called on (topic, or topic.server).
            _watch.BeforeUp = cancellationToken => QueueProbe.WaitForConsumersAsync(connection,
                [.. _routes.Where(r => !r.Key.Fanout).Select(r => r.Value.RoutingKey.Value).Distinct(StringComparer.Ordinal)],
                options.ServerWaitAfterRecovery, logger, options.ClientName, cancellationToken);
        }
    }

    /// <summary>The queue replies come back on (reply_&lt;hex&gt;, or amq.rabbitmq.reply-to).</summary>
    public string ReplyQueue => _watch.ReplyQueue!;

    /// <summary>The connection's state through losses and recoveries.</summary>
    public ConnectionWatch Connection => _watch;

    public RpcClientOptions Options => _options;

    /// <summary>
    /// Called for every stamped call's final reply (<see cref="RpcClientOptions.StampHops"/>) with its six stamps, on
    /// the reply consumer's loop: one caller at a time per client, so a single-writer histogram may record here. Keep
    /// it tiny.
    /// </summary>
    public Action<CallHops>? HopsObserved { get; set; }

    /// <summary>Replies that matched no outstanding call (late replies to calls that had already timed out).</summary>
    public long UnmatchedReplies => Interlocked.Read(ref _unmatchedReplies);

    /// <summary>The broker's version, from the connection's server properties.</summary>
    public string BrokerVersion => _connection.ServerProperties is { } p && p.TryGetValue("version", out var v) && v is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : "unknown";

    public static async Task<RpcClient> ConnectAsync(Uri amqpUri, RpcClientOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new RpcClientOptions();
        logger ??= NullLogger.Instance;
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var castChannel = options.PublisherConfirms
                ? await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken)
                : channel;
            string replyQueue;
            if (options.ReplyTransport == ReplyTransport.DirectReplyTo)
            {
                replyQueue = DirectReplyToQueue;
            }
            else
            {
                // oslo's reply queue: reply_<uuid hex>, non-durable, not auto-delete, not exclusive, x-expires 30 min.
                replyQueue = "reply_" + HexId.NewRandom();
                await channel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?> { ["x-expires"] = options.ReplyQueueExpiresMs }, cancellationToken: cancellationToken);
            }

            var client = new RpcClient(connection, channel, castChannel, replyQueue, options, logger);
            // Direct reply-to must be consumed (no-ack) on the very channel that publishes the calls.
            await channel.BasicConsumeAsync(replyQueue, autoAck: true, new ReplyConsumer(channel, client), cancellationToken);
            return client;
        }, cancellationToken);
    }

    /// <summary>Calls a method and returns its result; throws <see cref="RemoteError"/>, <see cref="RpcTimeoutException"/> or OperationCanceledException.</summary>
    public async Task<T?> CallAsync<T>(Target target, string method, RpcArgs args, TimeSpan timeout = default, RequestContext? context = null, CancellationToken cancellationToken = default)
    {
        var result = await TryCallAsync(target, method, args, timeout, context, discardResult: false, cancellationToken);
        return result.Outcome switch
        {
            CallOutcome.Ok => result.Result.IsEmpty ? default : JsonSerializer.Deserialize<T>(result.Result.Span),
            CallOutcome.RemoteError => throw result.Error!,
            CallOutcome.TimedOut => throw new RpcTimeoutException($"Timed out waiting for a reply to {method} on {target} after {EffectiveTimeout(timeout).TotalSeconds:0.###} s"),
            CallOutcome.Canceled => throw new OperationCanceledException(cancellationToken),
            _ => throw new InvalidOperationException($"call {method} on {target} could not be sent: {result.Error?.RemoteMessage}"),
        };
    }

    /// <summary>
    /// Calls a method and returns how it ended, never throwing for a remote error, a timeout or a lost connection.
    /// With <paramref name="discardResult"/> the reply's result is not copied out (the load path).
    /// </summary>
    public ValueTask<CallResult> TryCallAsync(Target target, string method, RpcArgs args, TimeSpan timeout = default, RequestContext? context = null, bool discardResult = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (target.Fanout)
        {
            throw new ArgumentException("a call cannot go to a fanout target; cast to it instead (oslo refuses it too)", nameof(target));
        }

        if (!_routes.TryGetValue(target, out var route) || !_watch.IsUp)
        {
            return CallAfterRouteAsync(target, method, args, timeout, context, discardResult, cancellationToken);
        }

        var sent = _options.StampHops ? Stopwatch.GetTimestamp() : 0;
        var effective = EffectiveTimeout(timeout);
        var call = _pending.Rent();
        var generation = call.Arm(Stopwatch.GetTimestamp() + (long)(effective.TotalSeconds * Stopwatch.Frequency), !discardResult, cancellationToken);
        var buffer = MessageBuffer.Rent();
        try
        {
            Span<byte> messageId = stackalloc byte[HexId.Length];
            Span<byte> uniqueId = stackalloc byte[HexId.Length];
            HexId.Write(messageId, ((ulong)_idPrefix << 32) | (uint)call.Index, (ulong)generation);
            HexId.WriteUnique(uniqueId);
            Span<byte> stamp = stackalloc byte[HopStampsWire.MaxLength];
            var extra = sent == 0 ? default : stamp[..HopStampsWire.WriteSent(stamp, sent)];
            OsloWriter.WriteRequest(buffer.Body, buffer.Scratch, Request(target, method, args, context, uniqueId, extra, messageId, ReplyQueue), _options.Envelope);
            var publish = _channel.BasicPublishAsync(route.Exchange, route.RoutingKey, mandatory: false, CallProperties(effective), buffer.Body.WrittenMemory, CancellationToken.None);
            if (!publish.IsCompletedSuccessfully)
            {
                return AwaitPublishAsync(publish, buffer, call, generation);
            }

            publish.GetAwaiter().GetResult();
            buffer.Return();
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            buffer.Return();
            call.TryComplete(generation, new CallResult(CallOutcome.TransportError, new RemoteError(e.GetType().Name, "bench.rpc", e.Message)));
        }

        return call.AsValueTask();
    }

    /// <summary>
    /// What a call and a cast both send: the method and its arguments for the target, in the client's default context
    /// unless one is given; a call adds its message id and reply queue.
    /// </summary>
    private OutgoingRequest Request(Target target, string method, RpcArgs args, RequestContext? context, ReadOnlySpan<byte> uniqueId, ReadOnlySpan<byte> extraMembers,
        ReadOnlySpan<byte> messageId = default, string? replyQueue = null) => new()
    {
        Method = method,
        Args = args.Json.Span,
        Namespace = target.Namespace,
        Version = target.Version,
        MessageId = messageId,
        ReplyQueue = replyQueue,
        UniqueId = uniqueId,
        Context = context ?? _options.DefaultContext,
        ExtraMembers = extraMembers,
    };

    /// <summary>Sends a method without waiting for a result (to every server when the target is fanout).</summary>
    public ValueTask CastAsync(Target target, string method, RpcArgs args, RequestContext? context = null, CancellationToken cancellationToken = default) =>
        CastAsync(target, method, args, context, stampSendTime: false, cancellationToken);

    /// <summary>
    /// A cast that carries its send time (Stopwatch ticks, member _bench_sent) so a Bench service on the same machine
    /// can record one-way latency.
    /// </summary>
    public ValueTask CastAsync(Target target, string method, RpcArgs args, RequestContext? context, bool stampSendTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!_routes.TryGetValue(target, out var route) || !_watch.IsUp)
        {
            return CastAfterRouteAsync(target, method, args, context, stampSendTime, cancellationToken);
        }

        var buffer = MessageBuffer.Rent();
        Span<byte> uniqueId = stackalloc byte[HexId.Length];
        HexId.WriteUnique(uniqueId);
        Span<byte> extra = stackalloc byte[HopStampsWire.MaxLength];
        var extraLength = stampSendTime ? HopStampsWire.WriteSent(extra, Stopwatch.GetTimestamp()) : 0;

        OsloWriter.WriteRequest(buffer.Body, buffer.Scratch, Request(target, method, args, context, uniqueId, extra[..extraLength]), _options.Envelope);
        ValueTask publish;
        try
        {
            publish = _castChannel.BasicPublishAsync(route.Exchange, route.RoutingKey, mandatory: false, _castProperties, buffer.Body.WrittenMemory, cancellationToken);
        }
        catch
        {
            buffer.Return();
            throw;
        }

        if (publish.IsCompletedSuccessfully)
        {
            buffer.Return();
            return default;
        }

        return ReturnAfterAsync(publish, buffer);
    }

    public async ValueTask DisposeAsync()
    {
        await _pending.DisposeAsync();
        await AmqpConnector.CloseAsync(_connection, _castChannel, _channel); // the same channel twice is closed once
    }

    /// <summary>Called by the reply consumer, on its dispatch loop, with the delivered body (valid only during the call).</summary>
    internal void OnReply(ReadOnlySpan<byte> body)
    {
        var observer = HopsObserved;
        var received = observer is null ? 0 : Stopwatch.GetTimestamp();
        byte[]? scratch = null;
        try
        {
            Span<long> stamps = stackalloc long[5];
            if (!OsloReader.TryUnwrap(body, ref scratch, out var inner, out var error) || !OsloReader.TryParseReply(inner, out var reply, observer is null ? default : stamps))
            {
                _logger.LogWarning("Dropped an unreadable reply: {Error}", error ?? "no _msg_id");
                return;
            }

            if (!HexId.TryRead(reply.MessageId, out var high, out var generation) || (uint)(high >> 32) != _idPrefix
                || _pending.Get((int)(uint)high) is not { } call)
            {
                Interlocked.Increment(ref _unmatchedReplies);
                return;
            }

            if (!reply.Ending)
            {
                return; // a call-monitor heartbeat: the call is alive, the result is still to come
            }

            // A reply after the call's deadline finds a caller that has stopped waiting, as oslo's client has (its wait
            // is a precise timed get); the sweep that ends timed-out calls only runs every TimeoutResolution.
            if ((received == 0 ? Stopwatch.GetTimestamp() : received) >= call.Deadline)
            {
                call.TryComplete((long)generation, new CallResult(CallOutcome.TimedOut));
                Interlocked.Increment(ref _unmatchedReplies);
                return;
            }

            var result = reply.Failure.IsEmpty
                ? new CallResult(CallOutcome.Ok, null, call.WantsResult ? reply.Result.ToArray() : default)
                : new CallResult(CallOutcome.RemoteError, OsloReader.ReadFailure(reply.Failure));
            if (!call.TryComplete((long)generation, result))
            {
                Interlocked.Increment(ref _unmatchedReplies);
            }
            else if (reply.HasHops)
            {
                observer!(new CallHops(stamps[0], stamps[1], stamps[2], stamps[3], stamps[4], received));
            }
        }
        finally
        {
            if (scratch is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private TimeSpan EffectiveTimeout(TimeSpan timeout) => timeout > TimeSpan.Zero ? timeout : _options.DefaultTimeout;

    // The slow path: the first call to a target, or a call while the connection is down. Down, the caller waits for it
    // (at most the call's timeout) instead of failing at once, so a closed-model user does not spin through an outage.
    private async ValueTask<CallResult> CallAfterRouteAsync(Target target, string method, RpcArgs args, TimeSpan timeout, RequestContext? context, bool discardResult, CancellationToken cancellationToken)
    {
        bool up;
        try
        {
            up = await _watch.WaitUpAsync(EffectiveTimeout(timeout), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new CallResult(CallOutcome.Canceled);
        }

        if (!up)
        {
            return new CallResult(CallOutcome.TransportError, new RemoteError("ConnectionDown", "bench.rpc", "the connection to the broker is down (recovering)"));
        }

        if (!_routes.ContainsKey(target))
        {
            await ResolveRouteAsync(target, cancellationToken);
        }

        return await TryCallAsync(target, method, args, timeout, context, discardResult, cancellationToken);
    }

    private async ValueTask CastAfterRouteAsync(Target target, string method, RpcArgs args, RequestContext? context, bool stampSendTime, CancellationToken cancellationToken)
    {
        if (!await _watch.WaitUpAsync(_options.DefaultTimeout, cancellationToken))
        {
            throw new InvalidOperationException("cast not sent: the connection to the broker is down (recovering)");
        }

        if (!_routes.ContainsKey(target))
        {
            await ResolveRouteAsync(target, cancellationToken);
        }

        await CastAsync(target, method, args, context, stampSendTime, cancellationToken);
    }

    private async ValueTask ResolveRouteAsync(Target target, CancellationToken cancellationToken)
    {
        var exchange = target.Exchange ?? _options.ControlExchange;
        Route route;
        if (target.Fanout)
        {
            var fanoutExchange = target.Topic + "_fanout";
            if (_options.DeclareExchanges)
            {
                await _channel.ExchangeDeclareAsync(fanoutExchange, ExchangeType.Fanout, durable: false, autoDelete: true, cancellationToken: cancellationToken);
            }

            route = new Route(new CachedString(fanoutExchange), new CachedString(string.Empty));
        }
        else
        {
            var routingKey = target.Server is null ? target.Topic : target.Topic + "." + target.Server;
            if (_options.PublishToQueue)
            {
                route = new Route(new CachedString(string.Empty), new CachedString(routingKey));
            }
            else
            {
                if (_options.DeclareExchanges)
                {
                    await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: _options.DurableExchange, autoDelete: false, cancellationToken: cancellationToken);
                }

                route = new Route(new CachedString(exchange), new CachedString(routingKey));
            }
        }

        _routes.TryAdd(target, route);
    }

    private BasicProperties CallProperties(TimeSpan timeout)
    {
        var milliseconds = (long)timeout.TotalMilliseconds;
        if (_callProperties.TryGetValue(milliseconds, out var properties))
        {
            return properties;
        }

        // The timeout doubles as the message's TTL, as in oslo: a request queued past it is dropped by the broker.
        properties = NewProperties();
        if (_options.MessageTtl)
        {
            properties.Expiration = milliseconds.ToString(CultureInfo.InvariantCulture);
        }

        if (_options.ReplyTransport == ReplyTransport.DirectReplyTo)
        {
            properties.ReplyTo = DirectReplyToQueue;
        }

        return _callProperties.GetOrAdd(milliseconds, properties);
    }

    private BasicProperties NewProperties() => new()
    {
        ContentType = "application/json",
        ContentEncoding = "utf-8",
        DeliveryMode = _options.Persistent ? DeliveryModes.Persistent : DeliveryModes.Transient,
        Priority = 0,
    };

    private static async ValueTask<CallResult> AwaitPublishAsync(ValueTask publish, MessageBuffer buffer, PendingCall call, long generation)
    {
        try
        {
            await publish;
        }
        catch (Exception e)
        {
            call.TryComplete(generation, new CallResult(CallOutcome.TransportError, new RemoteError(e.GetType().Name, "bench.rpc", e.Message)));
        }
        finally
        {
            buffer.Return();
        }

        return await call.AsValueTask();
    }

    private static async ValueTask ReturnAfterAsync(ValueTask publish, MessageBuffer buffer)
    {
        try
        {
            await publish;
        }
        finally
        {
            buffer.Return();
        }
    }

    private sealed record Route(CachedString Exchange, CachedString RoutingKey);
}

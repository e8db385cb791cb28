using System.Diagnostics;
using System.Text.Json;
using Bench.Rpc.Client;
using Bench.Rpc.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace Bench.Rpc.Celery;

/// <summary>
/// A Celery 5.2 client: task protocol v2 to the queue, results by the rpc:// backend on one reply queue matched by
/// correlation_id (= task id). <see cref="TryApplyAsync"/> is apply_async(...).get() as an outcome value; RETRY and
/// STARTED results are not final and are waited past; <see cref="SendAsync"/> sends with ignore_result and no reply.
/// </summary>
public sealed class CeleryClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly CeleryClientOptions _options;
    private readonly ILogger _logger;
    private readonly PendingCalls _pending;
    private readonly ConnectionWatch _watch;
    private readonly uint _idPrefix = (uint)Random.Shared.NextInt64(1, uint.MaxValue);
    private readonly CachedString _exchange = new(string.Empty);
    private readonly CachedString _routingKey;
    private readonly string _origin = $"gen{Environment.ProcessId}@{Environment.MachineName}";

    private CeleryClient(IConnection connection, IChannel channel, string replyQueue, CeleryClientOptions options, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _options = options;
        _logger = logger;
        _routingKey = new CachedString(options.Queue);
        _pending = new PendingCalls(TimeSpan.FromMilliseconds(10));
        _watch = new ConnectionWatch(connection, options.ClientName, logger, _pending.FailAll) { ReplyQueue = replyQueue };
    }

    /// <summary>The rpc:// result queue (a UUID-named, auto-delete queue, as Celery names it).</summary>
    public string ReplyQueue => _watch.ReplyQueue!;

    /// <summary>The connection's state through losses and recoveries.</summary>
    public ConnectionWatch Connection => _watch;

    public static async Task<CeleryClient> ConnectAsync(Uri amqpUri, CeleryClientOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new CeleryClientOptions();
        logger ??= NullLogger.Instance;
        return await AmqpConnector.ConnectAsync(amqpUri, options.ClientName, options.CaCertificatePath, logger, async connection =>
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            if (options.DeclareQueue)
            {
                await CeleryTopology.DeclareTaskQueueAsync(channel, options.Queue, cancellationToken);
            }

            // Celery's reply queue: not durable, auto-delete, x-expires = result_expires (1 day), used via the default exchange.
            var replyQueue = Guid.NewGuid().ToString();
            await channel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: true,
                arguments: new Dictionary<string, object?> { ["x-expires"] = 86_400_000 }, cancellationToken: cancellationToken);
            var client = new CeleryClient(connection, channel, replyQueue, options, logger);
            await channel.BasicConsumeAsync(replyQueue, autoAck: true, new ResultConsumer(channel, client), cancellationToken);
            return client;
        }, cancellationToken);
    }

    /// <summary>apply_async(args, kwargs).get(): the result's JSON, or a <see cref="RemoteError"/> / timeout as the outcome.</summary>
    public async ValueTask<CallResult> TryApplyAsync(string task, RpcArgs args, RpcArgs? kwargs = null, TimeSpan timeout = default, bool discardResult = false)
    {
        ArgumentNullException.ThrowIfNull(task);
        var effective = timeout > TimeSpan.Zero ? timeout : _options.DefaultTimeout;
        // Down: wait for the connection (at most the timeout) rather than fail at once, so a closed-model user does not spin.
        if (!_watch.IsUp && !await _watch.WaitUpAsync(effective))
        {
            return new CallResult(CallOutcome.TransportError, new RemoteError("ConnectionDown", "bench.celery", "the connection to the broker is down (recovering)"));
        }

        var call = _pending.Rent();
        var generation = call.Arm(Stopwatch.GetTimestamp() + (long)(effective.TotalSeconds * Stopwatch.Frequency), !discardResult, default);
        var id = TaskId(((ulong)_idPrefix << 32) | (uint)call.Index, (ulong)generation);
        try
        {
            await PublishAsync(task, id, args, kwargs, ignoreResult: false);
        }
        catch (Exception e)
        {
            call.TryComplete(generation, new CallResult(CallOutcome.TransportError, new RemoteError(e.GetType().Name, "bench.celery", e.Message)));
        }

        return await call.AsValueTask();
    }

    /// <summary>The user-facing form: the result, or a thrown <see cref="RemoteError"/> / <see cref="RpcTimeoutException"/>.</summary>
    public async Task<T?> ApplyAsync<T>(string task, RpcArgs args, RpcArgs? kwargs = null, TimeSpan timeout = default)
    {
        var result = await TryApplyAsync(task, args, kwargs, timeout);
        return result.Outcome switch
        {
            CallOutcome.Ok => result.Result.IsEmpty ? default : JsonSerializer.Deserialize<T>(result.Result.Span),
            CallOutcome.RemoteError => throw result.Error!,
            CallOutcome.TimedOut => throw new RpcTimeoutException($"no result for {task} within {(timeout > TimeSpan.Zero ? timeout : _options.DefaultTimeout).TotalSeconds:0.###} s"),
            _ => throw new InvalidOperationException($"{task} could not be sent: {result.Error?.RemoteMessage}"),
        };
    }

    /// <summary>A task sent with ignore_result and no reply_to: the worker sends nothing back.</summary>
    public ValueTask SendAsync(string task, RpcArgs args, RpcArgs? kwargs = null) =>
        _watch.IsUp ? PublishAsync(task, Guid.NewGuid().ToString(), args, kwargs, ignoreResult: true) : SendWhenUpAsync(task, args, kwargs);

    private async ValueTask SendWhenUpAsync(string task, RpcArgs args, RpcArgs? kwargs)
    {
        if (!await _watch.WaitUpAsync(_options.DefaultTimeout))
        {
            throw new InvalidOperationException($"{task} not sent: the connection to the broker is down (recovering)");
        }

        await PublishAsync(task, Guid.NewGuid().ToString(), args, kwargs, ignoreResult: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _pending.DisposeAsync();
        await AmqpConnector.CloseAsync(_connection, _channel);
    }

    internal void OnResult(string? correlationId, ReadOnlySpan<byte> body)
    {
        if (!CeleryWire.TryReadResult(body, out var taskId, out var status, out var result, out var traceback))
        {
            _logger.LogWarning("Dropped an unreadable Celery result");
            return;
        }

        // Matched by correlation_id, with the body's task_id as Celery's own fallback.
        if (!TryParseTaskId(correlationId ?? taskId, out var high, out var generation) || (uint)(high >> 32) != _idPrefix || _pending.Get((int)(uint)high) is not { } call)
        {
            return;
        }

        CallResult outcome;
        switch (status)
        {
            case "SUCCESS":
                outcome = new CallResult(CallOutcome.Ok, null, call.WantsResult ? result.ToArray() : default);
                break;
            case "FAILURE":
            case "REVOKED":
                outcome = new CallResult(CallOutcome.RemoteError, CeleryWire.ReadError(result, traceback));
                break;
            default:
                return; // RETRY, STARTED: the final state is still to come
        }

        call.TryComplete((long)generation, outcome);
    }

    private async ValueTask PublishAsync(string task, string id, RpcArgs args, RpcArgs? kwargs, bool ignoreResult)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            CeleryWire.WriteBody(buffer.Body, args.Json.Span, kwargs is { } k ? k.Json.Span : default);
            var properties = new BasicProperties
            {
                ContentType = CeleryWire.ContentType,
                ContentEncoding = CeleryWire.ContentEncoding,
                DeliveryMode = DeliveryModes.Persistent,
                Priority = 0,
                CorrelationId = id,
                ReplyTo = ignoreResult ? string.Empty : ReplyQueue,
                Headers = CeleryWire.Headers(task, id, System.Text.Encoding.UTF8.GetString(args.Json.Span), ignoreResult, _origin),
            };
            // As kombu does: the default exchange, routing key = the queue (the celery exchange is declared too).
            await _channel.BasicPublishAsync(_exchange, _routingKey, mandatory: false, properties, buffer.Body.WrittenMemory);
        }
        finally
        {
            buffer.Return();
        }
    }

    // A task id in uuid4's shape (8-4-4-4-12 hex) that also carries the pending call's slot and generation.
    private static string TaskId(ulong high, ulong low)
    {
        Span<byte> hex = stackalloc byte[HexId.Length];
        HexId.Write(hex, high, low);
        return string.Create(36, hex.ToArray(), static (chars, h) =>
        {
            var j = 0;
            for (var i = 0; i < 32; i++)
            {
                if (i is 8 or 12 or 16 or 20)
                {
                    chars[j++] = '-';
                }

                chars[j++] = (char)h[i];
            }
        });
    }

    private static bool TryParseTaskId(string? id, out ulong high, out ulong low)
    {
        high = low = 0;
        if (id is not { Length: 36 })
        {
            return false;
        }

        Span<byte> hex = stackalloc byte[HexId.Length];
        var j = 0;
        foreach (var c in id)
        {
            if (c != '-')
            {
                if (j == HexId.Length)
                {
                    return false;
                }

                hex[j++] = (byte)c;
            }
        }

        return j == HexId.Length && HexId.TryRead(hex, out high, out low);
    }

    private sealed class ResultConsumer(IChannel channel, CeleryClient client) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            client.OnResult(properties.CorrelationId, body.Span);
            return Task.CompletedTask;
        }
    }
}

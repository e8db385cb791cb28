using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using Bench.Rpc;
using Bench.Rpc.Client;
using RabbitMQ.Client;

namespace Bench.Rpc.Raw;

/// <summary>
/// The raw-client baseline: request/reply and casts with plain RabbitMQ.Client and no RPC layer — no JSON, no
/// envelope, no dispatch. A 12-byte header (call slot and generation) replaces the envelope; the pending-call table
/// is the RPC client's own, so both sides pay the same for correlation and only the RPC layer's cost differs.
/// </summary>
public sealed class RawRpcClient : IAsyncDisposable
{
    private const int HeaderLength = 12;
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly PendingCalls _pending = new(TimeSpan.FromMilliseconds(10));
    private readonly ConnectionWatch _watch;
    private readonly CachedString _exchange;
    private readonly CachedString _queue;
    private readonly BasicProperties _callProperties;
    private readonly BasicProperties _castProperties;

    private RawRpcClient(IConnection connection, IChannel channel, string queue, string replyQueue, bool persistent, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = new CachedString(exchange);
        _queue = new CachedString(queue);
        var mode = persistent ? DeliveryModes.Persistent : DeliveryModes.Transient;
        _callProperties = new BasicProperties { ReplyTo = replyQueue, DeliveryMode = mode };
        _castProperties = new BasicProperties { DeliveryMode = mode };
        _watch = new ConnectionWatch(connection, "bench-raw-client", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _pending.FailAll);
        // As RpcClient does: after a recovery, send again only once the server consumes its queue (a restarted node
        // lost it if it was not durable, and a request sent before the server declares it again would be dropped).
        _watch.BeforeUp = cancellationToken => QueueProbe.WaitForConsumersAsync(connection, [queue], RpcClientOptions.DefaultServerWaitAfterRecovery,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, "bench-raw-client", cancellationToken);
    }

    /// <summary>Connects; <paramref name="exchange"/> is "" (straight to the queue) or oslo's topic exchange, to compare routes.</summary>
    public static async Task<RawRpcClient> ConnectAsync(Uri uri, string queue, bool persistent, string exchange, CancellationToken cancellationToken)
    {
        // Bench's connector, so the baseline recovers as the RPC client does (reconnect, redeclare, consumer back).
        var connection = await AmqpConnector.ConnectAsync(uri, "bench-raw-client", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var replyQueue = "reply_" + Guid.NewGuid().ToString("N");
        await channel.QueueDeclareAsync(replyQueue, durable: false, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-expires"] = 1_800_000 }, cancellationToken: cancellationToken);
        var client = new RawRpcClient(connection, channel, queue, replyQueue, persistent, exchange);
        await channel.BasicConsumeAsync(replyQueue, autoAck: true, new ReplyConsumer(channel, client), cancellationToken);
        return client;
    }

    public ValueTask<CallResult> CallAsync(ReadOnlyMemory<byte> payload, TimeSpan timeout)
    {
        if (!_watch.IsUp)
        {
            return CallWhenUpAsync(payload, timeout);
        }

        var call = _pending.Rent();
        var generation = call.Arm(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), wantsResult: false, default);
        var buffer = ArrayPool<byte>.Shared.Rent(HeaderLength + payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer, call.Index);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(4), generation);
        payload.Span.CopyTo(buffer.AsSpan(HeaderLength));
        try
        {
            var publish = _channel.BasicPublishAsync(_exchange, _queue, mandatory: false, _callProperties, buffer.AsMemory(0, HeaderLength + payload.Length));
            if (!publish.IsCompletedSuccessfully)
            {
                return AwaitPublishAsync(publish, buffer, call, generation);
            }

            publish.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            call.TryComplete(generation, new CallResult(CallOutcome.TransportError, new RemoteError(e.GetType().Name, "bench.raw", e.Message)));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return call.AsValueTask();
    }

    /// <summary>A cast whose first 8 bytes are the send timestamp, for one-way latency at the raw server.</summary>
    public async ValueTask CastAsync(ReadOnlyMemory<byte> payload)
    {
        if (!_watch.IsUp && !await _watch.WaitUpAsync(TimeSpan.FromSeconds(5)))
        {
            throw new InvalidOperationException("raw cast not sent: the connection to the broker is down (recovering)");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(8 + payload.Length);
        try
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, Stopwatch.GetTimestamp());
            payload.Span.CopyTo(buffer.AsSpan(8));
            await _channel.BasicPublishAsync(_exchange, _queue, mandatory: false, _castProperties, buffer.AsMemory(0, 8 + payload.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _pending.DisposeAsync();
        await AmqpConnector.CloseAsync(_connection, _channel);
    }

    // Down: wait (at most the timeout) for the connection instead of failing at once, as RpcClient does.
    private async ValueTask<CallResult> CallWhenUpAsync(ReadOnlyMemory<byte> payload, TimeSpan timeout) =>
        await _watch.WaitUpAsync(timeout)
            ? await CallAsync(payload, timeout)
            : new CallResult(CallOutcome.TransportError, new RemoteError("ConnectionDown", "bench.raw", "the connection to the broker is down (recovering)"));

    private void OnReply(ReadOnlySpan<byte> body)
    {
        if (body.Length >= HeaderLength && _pending.Get(BinaryPrimitives.ReadInt32LittleEndian(body)) is { } call)
        {
            call.TryComplete(BinaryPrimitives.ReadInt64LittleEndian(body[4..]), new CallResult(CallOutcome.Ok));
        }
    }

    private static async ValueTask<CallResult> AwaitPublishAsync(ValueTask publish, byte[] buffer, PendingCall call, long generation)
    {
        try
        {
            await publish;
        }
        catch (Exception e)
        {
            call.TryComplete(generation, new CallResult(CallOutcome.TransportError, new RemoteError(e.GetType().Name, "bench.raw", e.Message)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return await call.AsValueTask();
    }

    private sealed class ReplyConsumer(IChannel channel, RawRpcClient client) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            client.OnReply(body.Span);
            return Task.CompletedTask;
        }
    }
}

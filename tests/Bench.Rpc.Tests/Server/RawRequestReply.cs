using System.Diagnostics;
using Bench.Rpc.Client;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// A plain RabbitMQ.Client request/reply on one connection, one call at a time: the baselines of
/// <see cref="MessageAllocationTests"/>. A client channel sends requests and consumes replies; a server channel serves
/// a request queue through <see cref="ServeAsync"/>. Calls complete through the RPC client's own pending-call table (as
/// Bench's and the raw baseline's clients do), and nothing awaits a reply inside an async method of its own: one would
/// allocate its state machine per call, which neither client does.
/// </summary>
internal abstract class RawRequestReply(IConnection connection, IChannel clientChannel, IChannel serverChannel) : IAsyncDisposable
{
    private readonly PendingCalls _pending = new(TimeSpan.FromMilliseconds(10));
    private PendingCall? _current;
    private long _generation;

    protected IChannel ClientChannel { get; } = clientChannel;

    protected IChannel ServerChannel { get; } = serverChannel;

    protected CachedString DefaultExchange { get; } = new(string.Empty);

    public async ValueTask DisposeAsync()
    {
        await _pending.DisposeAsync();
        await connection.CloseAsync();
        connection.Dispose();
    }

    protected static async Task<(IConnection Connection, IChannel Client, IChannel Server)> ConnectAsync(Uri uri)
    {
        var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync(), await connection.CreateChannelAsync());
    }

    /// <summary>Consumes <paramref name="replyQueue"/> (each reply ends the call in flight) and serves <paramref name="requestQueue"/>.</summary>
    protected async Task ConsumeAsync(string replyQueue, string requestQueue)
    {
        await ClientChannel.BasicConsumeAsync(replyQueue, autoAck: true, new ReplyConsumer(ClientChannel, this));
        await ServerChannel.BasicConsumeAsync(requestQueue, autoAck: false, new RequestConsumer(ServerChannel, this));
    }

    /// <summary>Arms a call that ends at <paramref name="timeout"/> unless its reply comes first, and sends its request.</summary>
    protected ValueTask<CallResult> ArmAndSendAsync(TimeSpan timeout)
    {
        var call = _current = _pending.Rent();
        _generation = call.Arm(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), wantsResult: false, default);
        var publish = SendRequest();
        return publish.IsCompletedSuccessfully ? call.AsValueTask() : AfterPublishAsync(publish, call);

        static async ValueTask<CallResult> AfterPublishAsync(ValueTask publish, PendingCall call)
        {
            await publish;
            return await call.AsValueTask();
        }
    }

    /// <summary>The client's side: publish the one request of the call just armed.</summary>
    protected abstract ValueTask SendRequest();

    /// <summary>The server's side: ack and reply to one request.</summary>
    protected abstract Task ServeAsync(ulong deliveryTag, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body);

    private sealed class ReplyConsumer(IChannel channel, RawRequestReply owner) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            owner._current?.TryComplete(owner._generation, new CallResult(CallOutcome.Ok));
            return Task.CompletedTask;
        }
    }

    private sealed class RequestConsumer(IChannel channel, RawRequestReply owner) : AsyncDefaultBasicConsumer(channel)
    {
        public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
            IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
            owner.ServeAsync(deliveryTag, properties, body);
    }
}

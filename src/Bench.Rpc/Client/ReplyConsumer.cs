using RabbitMQ.Client;

namespace Bench.Rpc.Client;

/// <summary>Hands each reply to the client while its body is still valid; completing a call is synchronous and never blocks.</summary>
internal sealed class ReplyConsumer(IChannel channel, RpcClient client) : AsyncDefaultBasicConsumer(channel)
{
    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
        IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        client.OnReply(body.Span);
        return Task.CompletedTask;
    }
}

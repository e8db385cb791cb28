using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>Passes each delivery to the service; the body is valid until the returned task completes.</summary>
internal sealed class RequestConsumer(IChannel channel, Service service) : AsyncDefaultBasicConsumer(channel)
{
    public override Task HandleBasicDeliverAsync(string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey,
        IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) =>
        service.HandleDeliveryAsync(deliveryTag, redelivered, exchange, routingKey, properties, body);
}

using System.Threading.Channels;
using Bench.Broker;
using Bench.Rpc;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bench.Harness.Agents;

/// <summary>
/// A connection to the control broker, where agents and the coordinator meet: the run's ready and results queues
/// (named after --run-name, so runs sharing a control broker do not mix), and a private queue of one's own for
/// replies. It is opened for the barrier and for the results only and closed in between, so no control traffic
/// (not even heartbeats) shares the measured window.
/// </summary>
public sealed class ControlBroker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private ControlBroker(IConnection connection, IChannel channel, string runName)
    {
        _connection = connection;
        _channel = channel;
        ReadyQueue = $"bench.agents.{runName}.ready";
        ResultsQueue = $"bench.agents.{runName}.results";
    }

    public string ReadyQueue { get; }

    public string ResultsQueue { get; }

    public static async Task<ControlBroker> OpenAsync(AmqpUri control, string runName, string clientName, CancellationToken cancellationToken)
    {
        var connection = await AmqpConnector.OpenAsync(AmqpConnector.CreateFactory(control.Uri, clientName), cancellationToken);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var broker = new ControlBroker(connection, channel, runName);
        // Durable and not exclusive: an agent may be ready before the coordinator exists, and results wait for it.
        await channel.QueueDeclareAsync(broker.ReadyQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(broker.ResultsQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        return broker;
    }

    /// <summary>A server-named exclusive queue (gone with the connection) and what arrives on it.</summary>
    public async Task<(string Queue, ChannelReader<BasicDeliverEventArgs> Messages)> ConsumeOwnAsync(CancellationToken cancellationToken)
    {
        var queue = (await _channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        return (queue, await ConsumeAsync(queue, cancellationToken));
    }

    /// <summary>Consumes <paramref name="queue"/> with automatic acks: a control message is read once, by whoever consumes.</summary>
    public async Task<ChannelReader<BasicDeliverEventArgs>> ConsumeAsync(string queue, CancellationToken cancellationToken)
    {
        var messages = Channel.CreateUnbounded<BasicDeliverEventArgs>();
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            // The body's memory belongs to the client only until the handler returns: keep a copy.
            messages.Writer.TryWrite(new BasicDeliverEventArgs(e.ConsumerTag, e.DeliveryTag, e.Redelivered, e.Exchange, e.RoutingKey, e.BasicProperties, e.Body.ToArray(), e.CancellationToken));
            return Task.CompletedTask;
        };
        await _channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
        return messages.Reader;
    }

    public Task PurgeAsync(string queue, CancellationToken cancellationToken) => _channel.QueuePurgeAsync(queue, cancellationToken);

    /// <summary>Publishes to a queue through the default exchange, and waits for the broker's confirm.</summary>
    public async Task PublishAsync(string queue, byte[] body, CancellationToken cancellationToken, string? replyTo = null, IDictionary<string, object?>? headers = null, TimeSpan? expiration = null)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            ReplyTo = replyTo,
            Headers = headers,
            Expiration = expiration is { } e ? ((long)e.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        await _channel.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await AmqpConnector.CloseAsync(_connection, _channel);
}

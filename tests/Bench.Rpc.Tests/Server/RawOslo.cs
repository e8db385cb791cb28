using System.Text;
using Bench.Testing;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// A plain AMQP channel with its own reply queue, for publishing hand-made oslo messages (what RpcClient would never
/// send: bad bodies, chosen properties) to a service and reading what comes back.
/// </summary>
internal sealed class RawOslo : IAsyncDisposable
{
    private readonly IConnection _connection;

    private RawOslo(IConnection connection, IChannel channel, string replyQueue) => (_connection, Channel, ReplyQueue) = (connection, channel, replyQueue);

    public IChannel Channel { get; }

    public string ReplyQueue { get; }

    public static async Task<RawOslo> ConnectAsync(Uri uri, string clientName)
    {
        var connection = await AmqpConnector.CreateFactory(uri, clientName).CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var replyQueue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        return new RawOslo(connection, channel, replyQueue);
    }

    /// <summary>Publishes to the oslo exchange: <paramref name="inner"/> wrapped in the 2.0 envelope, or as given after a leading '!'.</summary>
    public async Task PublishAsync(string topic, string inner, BasicProperties properties)
    {
        var body = inner.StartsWith('!') ? inner[1..] : "{\"oslo.version\": \"2.0\", \"oslo.message\": " + System.Text.Json.JsonSerializer.Serialize(inner) + "}";
        await Channel.BasicPublishAsync("openstack", topic, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    public async Task<BasicGetResult> GetAsync(string queue)
    {
        BasicGetResult? result = null;
        await Eventually.TrueAsync(() => (result = Channel.BasicGetAsync(queue, autoAck: true).GetAwaiter().GetResult()) is not null, "a message on " + queue);
        return result!;
    }

    /// <summary>A reply's message id, result JSON, and failure (null when it succeeded).</summary>
    public static (string MessageId, string Result, RemoteError? Failure) ReadReply(byte[] body)
    {
        byte[]? scratch = null;
        Assert.True(Rpc.Wire.OsloReader.TryUnwrap(body, ref scratch, out var inner, out _));
        Assert.True(Rpc.Wire.OsloReader.TryParseReply(inner, out var reply));
        return (Encoding.UTF8.GetString(reply.MessageId), Encoding.UTF8.GetString(reply.Result), reply.Failure.IsEmpty ? null : Rpc.Wire.OsloReader.ReadFailure(reply.Failure));
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.CloseAsync();
        await _connection.DisposeAsync();
    }
}

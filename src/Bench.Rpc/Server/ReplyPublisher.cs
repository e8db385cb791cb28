using System.Text;
using Bench.Rpc.Wire;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// Everything a service sends back: replies (results, failures, call-monitor heartbeats) and dead letters, on a
/// channel of their own so a slow reply never holds up the consuming channel. Replies are mandatory: a vanished reply
/// queue comes back as basic.return, counted, instead of vanishing silently.
/// </summary>
internal sealed class ReplyPublisher
{
    private readonly IChannel _channel;
    private readonly ServiceOptions _options;
    private readonly BasicProperties _replyProperties;
    private readonly ILogger _logger;
    private readonly CachedString _defaultExchange = new(string.Empty);
    private long _returned;
    private long _deadLettered;

    public ReplyPublisher(IChannel channel, ServiceOptions options, ILogger logger)
    {
        _channel = channel;
        _options = options;
        _logger = logger;
        _replyProperties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryMode = options.PersistentReplies ? DeliveryModes.Persistent : DeliveryModes.Transient,
            Priority = 0,
        };
        channel.BasicReturnAsync += (_, e) =>
        {
            Interlocked.Increment(ref _returned);
            _logger.LogWarning("A reply to {Queue} came back ({Code} {Text}): the caller's reply queue is gone", e.RoutingKey, e.ReplyCode, e.ReplyText);
            return Task.CompletedTask;
        };
    }

    public long Returned => Interlocked.Read(ref _returned);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public async Task PublishReplyAsync(WorkItem work, ReadOnlyMemory<byte> result, ReadOnlyMemory<byte> failure, bool ending)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            Span<byte> uniqueId = stackalloc byte[HexId.Length];
            HexId.WriteUnique(uniqueId);
            Span<byte> stamps = stackalloc byte[HopStampsWire.MaxLength];
            var stampsLength = ending && work.State.Sent != 0 && failure.IsEmpty
                ? HopStampsWire.WriteHops(stamps, work.State.Sent, work.State.Received, work.State.HandlerStarted, work.State.HandlerEnded, System.Diagnostics.Stopwatch.GetTimestamp())
                : 0;
            OsloWriter.WriteReply(buffer.Body, buffer.Scratch, result.Span, failure.Span, ending, work.MessageId, uniqueId, stamps[..stampsLength]);
            await _channel.BasicPublishAsync(_defaultExchange, work.ReplyRoute!, _options.MandatoryReplies, _replyProperties, buffer.Body.WrittenMemory);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>Writes <paramref name="error"/> into the work item's result buffer and sends it as the call's failure reply.</summary>
    public Task PublishFailureAsync(WorkItem work, RemoteError error)
    {
        _logger.LogDebug("Failure reply: {Class}: {Message}", error.ExceptionClass, error.RemoteMessage);
        work.Result.ResetWrittenCount();
        OsloWriter.WriteFailure(work.Result, error.ExceptionClass, error.Module, error.RemoteMessage, error.Traceback,
            error.KwargsJson is null ? default : Encoding.UTF8.GetBytes(error.KwargsJson));
        return PublishReplyAsync(work, result: default, failure: work.Result.WrittenMemory, ending: true);
    }

    public async Task DeadLetterAsync(string reason, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        _logger.LogWarning("Dead-lettered a message from {Exchange}/{RoutingKey} to {Queue}: {Reason}", exchange, routingKey, _options.EffectiveDeadLetterQueue, reason);
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
                ["x-bench-service"] = _options.ClientName,
            },
        };
        await _channel.BasicPublishAsync(string.Empty, _options.EffectiveDeadLetterQueue, mandatory: false, deadLetter, body);
        Interlocked.Increment(ref _deadLettered);
    }
}

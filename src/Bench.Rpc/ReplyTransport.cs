namespace Bench.Rpc;

/// <summary>How replies come back to a client.</summary>
public enum ReplyTransport
{
    /// <summary>oslo's reply_&lt;hex&gt; queue, addressed in the body (_reply_q): the only one real oslo servers understand.</summary>
    ReplyQueue,

    /// <summary>RabbitMQ direct reply-to (amq.rabbitmq.reply-to): no queue; Bench client to Bench service only.</summary>
    DirectReplyTo,
}

using Bench.Rpc.Wire;

namespace Bench.Rpc;

/// <summary>Client settings. Defaults are oslo.messaging's, so a Bench client looks like a Python one on the wire.</summary>
public sealed record RpcClientOptions
{
    /// <summary>The control exchange (oslo control_exchange): "openstack" by default; Nova uses "nova".</summary>
    public string ControlExchange { get; init; } = "openstack";

    /// <summary>Call timeout when a call gives none (oslo rpc_response_timeout); also sent as the request's expiration.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public ReplyTransport ReplyTransport { get; init; } = ReplyTransport.ReplyQueue;

    /// <summary>Wait for a broker confirm on each cast (a separate confirm channel); calls are confirmed by their reply.</summary>
    public bool PublisherConfirms { get; init; }

    /// <summary>delivery_mode 2 (oslo's) or 1.</summary>
    public bool Persistent { get; init; } = true;

    public EnvelopeFormat Envelope { get; init; } = EnvelopeFormat.Oslo2;

    /// <summary>The request context sent with every message unless a call gives its own.</summary>
    public RequestContext? DefaultContext { get; init; }

    /// <summary>Reply queue x-expires in ms (oslo rabbit_transient_queues_ttl × 1000).</summary>
    public int ReplyQueueExpiresMs { get; init; } = 1_800_000;

    /// <summary>Declare the exchanges it publishes to, as oslo clients do (topic, non-durable unless <see cref="DurableExchange"/>).</summary>
    public bool DeclareExchanges { get; init; } = true;

    /// <summary>
    /// Publish calls and casts for a topic (or topic.server) straight to the queue of that name through the default
    /// exchange, instead of through the control (topic) exchange as oslo does. The same queues receive them, because
    /// oslo names its queues after their routing keys; the broker skips topic routing, which costs RabbitMQ 3.10
    /// about 15 µs of CPU per message. Fanout is unaffected. Off by default: oslo's own behaviour.
    /// </summary>
    public bool PublishToQueue { get; init; }

    /// <summary>Match a deployment with amqp_durable_queues=true.</summary>
    public bool DurableExchange { get; init; }

    /// <summary>The connection's name in the broker's management UI.</summary>
    public string ClientName { get; init; } = "bench-rpc-client";

    /// <summary>
    /// PEM CA file an amqps:// broker's certificate must chain to (a private CA); null: BENCH_AMQP_CA_CERT, else the
    /// system store. Ignored for amqp://.
    /// </summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>
    /// Calls carry their send time and ask a Bench service for its stamps (receipt, handler start and end, reply), so
    /// <see cref="RpcClient.HopsObserved"/> sees where each call's time went. Off by default: the bytes are then exactly
    /// oslo's; other oslo peers ignore the extra member.
    /// </summary>
    public bool StampHops { get; init; }

    /// <summary>
    /// Send the call's timeout as the request's expiration (per-message TTL), as oslo does: a request queued past it is
    /// dropped by the broker. Off saves the broker its per-message expiry work; the timeout still holds at the client.
    /// </summary>
    public bool MessageTtl { get; init; } = true;

    /// <summary>How often pending calls are checked for their deadline. Timeouts fire within this much of their due time.</summary>
    public TimeSpan TimeoutResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// After a recovery, how long the client waits at most for the queues it calls to be consumed again before it
    /// sends (see <see cref="ConnectionWatch.BeforeUp"/>); zero sends at once.
    /// </summary>
    public TimeSpan ServerWaitAfterRecovery { get; init; } = DefaultServerWaitAfterRecovery;

    /// <summary>The default of <see cref="ServerWaitAfterRecovery"/>, for clients without options (the raw baseline's).</summary>
    public static TimeSpan DefaultServerWaitAfterRecovery { get; } = TimeSpan.FromSeconds(10);
}

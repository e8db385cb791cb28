using System.Text;
using RabbitMQ.Client;

namespace Bench.Rpc.Server;

/// <summary>
/// The reply addresses a service has seen, each kept once as a <see cref="CachedString"/> so a reply never re-encodes
/// its routing key. Looked up by the request's UTF-8 bytes through a span lookup: no string per request. Used only on
/// the consumer loop (one thread at a time), so it needs no lock.
/// </summary>
internal sealed class ReplyRoutes
{
    private const string DirectReplyToPrefix = "amq.rabbitmq.reply-to";
    private readonly Dictionary<string, CachedString> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedString>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ReplyRoutes() => _lookup = _routes.GetAlternateLookup<ReadOnlySpan<char>>();

    public CachedString? Resolve(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> replyQueue)
    {
        // Direct reply-to: the broker rewrote reply_to to the caller's channel address; the body's _reply_q cannot say it.
        if (properties.ReplyTo is { } replyTo && replyTo.StartsWith(DirectReplyToPrefix, StringComparison.Ordinal))
        {
            if (!_routes.TryGetValue(replyTo, out var direct))
            {
                _routes[replyTo] = direct = new CachedString(replyTo);
            }

            return direct;
        }

        if (replyQueue.IsEmpty || replyQueue.Length > 255)
        {
            return null;
        }

        Span<char> name = stackalloc char[replyQueue.Length];
        var length = Encoding.UTF8.GetChars(replyQueue, name);
        if (_lookup.TryGetValue(name[..length], out var route))
        {
            return route;
        }

        var text = new string(name[..length]);
        _routes[text] = route = new CachedString(text);
        return route;
    }
}

using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Bench.Rpc;

/// <summary>
/// The reply queues a worker has answered, each kept once as a <see cref="CachedString"/> so a reply never re-encodes
/// its routing key (a client keeps one reply queue for its life). Bounded: a worker serving many short-lived clients
/// forgets old ones instead of growing. Safe for handlers running at once.
/// </summary>
public sealed class ReplyRouteCache
{
    private const int MaxRoutes = 4096;
    private readonly ConcurrentDictionary<string, CachedString> _routes = new(StringComparer.Ordinal);

    public CachedString Get(string replyTo)
    {
        if (_routes.TryGetValue(replyTo, out var route))
        {
            return route;
        }

        if (_routes.Count >= MaxRoutes)
        {
            _routes.Clear();
        }

        return _routes.GetOrAdd(replyTo, static name => new CachedString(name));
    }
}

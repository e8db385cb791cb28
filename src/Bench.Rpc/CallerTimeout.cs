using System.Globalization;

namespace Bench.Rpc;

/// <summary>
/// How long the caller of a request waits for its reply, when the request says so: a handler that declares a
/// parameter of this type gets it filled from the call (like <see cref="RequestContext"/> and CancellationToken), and
/// can refuse work that no one will wait for. Unknown (null) for casts, Celery tasks, and calls that carry no timeout.
/// </summary>
/// <param name="Value">The caller's whole wait, from its send; null when the request does not say.</param>
public readonly record struct CallerTimeout(TimeSpan? Value)
{
    /// <summary>
    /// A call's wait: its AMQP expiration, which oslo.messaging's rabbit driver and <see cref="RpcClient"/> both set to
    /// the call's timeout. oslo's `_timeout` is the call-monitor window, not the whole wait: the service answers it with
    /// heartbeats, and the caller waits on while they come. Only a window too short to get heartbeats (see
    /// <see cref="Server.Service.MinCallMonitorSeconds"/>) ends the caller's wait sooner.
    /// </summary>
    internal static CallerTimeout Of(string? expiration, int? callMonitorSeconds)
    {
        TimeSpan? wait = long.TryParse(expiration, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds(ms) : null;
        if (callMonitorSeconds is > 0 and var seconds && seconds < Server.Service.MinCallMonitorSeconds)
        {
            var window = TimeSpan.FromSeconds(seconds);
            wait = wait is { } w && w < window ? w : window;
        }

        return new CallerTimeout(wait);
    }
}

using System.Diagnostics;

namespace Bench.Rpc.Server;

/// <summary>
/// A per-method rate limit on the worker side (Celery's task rate_limit): calls of the method start at most
/// <c>rate</c> per second, evenly spaced; calls over the rate wait their turn, they are not refused.
/// Used from the consumer's single dispatch loop, so it needs no lock.
/// </summary>
internal sealed class MethodPacer(double ratePerSecond)
{
    private readonly long _interval = (long)(Stopwatch.Frequency / ratePerSecond);
    private long _next;

    public double Rate { get; } = ratePerSecond;

    /// <summary>Completes when this call may start.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        var start = Math.Max(now, _next);
        _next = start + _interval;
        var wait = start - now;
        return wait <= 0 ? ValueTask.CompletedTask : new ValueTask(Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken));
    }
}

using System.Diagnostics;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Dispatch;

namespace Bench.Harness.Workers;

/// <summary>
/// The manager `bench worker` hosts and the scenarios call: methods with a known, fixed cost, so a run measures the
/// transport and the RPC layer, not the work; and the statistics casts are measured by.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC endpoints are instance methods: the dispatcher binds them on the manager object.")]
public sealed class BenchManager(OneWayStats casts, OneWayStats? raw = null) : Manager
{
    /// <summary>Returns its payload unchanged: any JSON value (a string, a Nova object primitive, …).</summary>
    public RawJson Echo(RawJson payload) => payload;

    public long Add(long x, long y) => x + y;

    /// <summary>Who is asking, from the request's context: what oslo's peer server answers (scripts/peers/oslo/server.py).</summary>
    public Dictionary<string, string?> Whoami(RequestContext? context) => new()
    {
        ["user_id"] = context?.GetString("user_id"),
        ["project_id"] = context?.GetString("project_id"),
        ["request_id"] = context?.GetString("request_id"),
    };

    /// <summary>The longest sleep a caller may ask for: one slot held for days would be a denial of service.</summary>
    public const long MaxSleepMs = 600_000;

    private readonly LatencyHistogram _sleepTimes = new();
    private readonly Lock _sleepLock = new();

    /// <summary>
    /// A fixed service time, then returns: models a method that waits on I/O. A negative time, one above 10 minutes, or
    /// one longer than the caller waits (when the call says how long: see <see cref="CallerTimeout"/>) is refused with
    /// ValueError before any slot time is spent: no one would read its answer. Short sleeps use a precise timer (a plain
    /// Task.Delay(1) took ~3.4 ms here), and the time each really took is recorded (see <see cref="SleepStats"/>).
    /// </summary>
    public async Task<long> SleepAsync(long ms, CallerTimeout callerTimeout, CancellationToken cancellationToken)
    {
        if (ms is < 0 or > MaxSleepMs)
        {
            throw new RemoteError("ValueError", "builtins", $"sleep takes 0 to {MaxSleepMs} ms, not {ms}");
        }

        if (callerTimeout.Value is { } wait && ms > wait.TotalMilliseconds)
        {
            throw new RemoteError("ValueError", "builtins", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sleep of {ms} ms is longer than the caller waits ({wait.TotalMilliseconds:0} ms)"));
        }

        var start = Stopwatch.GetTimestamp();
        if (ms > 0)
        {
            await (ms <= 100 ? PreciseDelay.WaitAsync(TimeSpan.FromMilliseconds(ms), cancellationToken) : Task.Delay(TimeSpan.FromMilliseconds(ms), cancellationToken));
        }

        var took = Stopwatch.GetElapsedTime(start);
        lock (_sleepLock)
        {
            _sleepTimes.Record((long)(took.TotalMilliseconds * 1e6));
        }

        return ms;
    }

    /// <summary>The service time `sleep` really took at this worker, beside the one asked for.</summary>
    public HistogramRecord SleepStats()
    {
        lock (_sleepLock)
        {
            return HistogramRecord.From(_sleepTimes);
        }
    }

    public void SleepStatsReset()
    {
        lock (_sleepLock)
        {
            _sleepTimes.Clear();
        }
    }

    /// <summary>Raises ValueError(message): a Python caller gets a real builtins.ValueError.</summary>
    public Unit Fail(string message) => throw new RemoteError("ValueError", "builtins", message);

    /// <summary>A cast target: what it measures is recorded by the service's cast hook before dispatch.</summary>
    public void Count(RawJson? payload = null)
    {
    }

    /// <summary>Set by the host: how many messages the service rejected (dead letters and failure replies).</summary>
    public Func<long>? RejectedCount { get; set; }

    /// <summary>The cast statistics (this runs on the consumer loop, as the recording does: no race).</summary>
    public WorkerStats Stats() => casts.Snapshot(RejectedCount?.Invoke() ?? 0);

    public void StatsReset() => casts.Reset();

    /// <summary>The raw baseline consumer's statistics, when this worker runs one.</summary>
    public WorkerStats? RawStats() => raw?.Snapshot();

    public void RawStatsReset() => raw?.Reset();
}

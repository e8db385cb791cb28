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
    /// A fixed service time, then returns it: models a method that waits on I/O. A negative time or one above 10 minutes
    /// is refused with ValueError. A sleep longer than the caller waits (when the call says how long: see
    /// <see cref="CallerTimeout"/>) gives up at the caller's deadline instead of holding a slot no one waits on, and
    /// then replies as oslo.messaging's server does when it finishes late: the plain result, which reaches a caller
    /// that has already timed out and is discarded there (oslo's client logs it; RpcClient counts it as unmatched).
    /// The caller sees MessagingTimeout, as it would against the real service. Short sleeps use a precise timer (a
    /// plain Task.Delay(1) took ~3.4 ms here); the time each whole sleep really took is recorded (see
    /// <see cref="SleepStats"/>), a cut-short one is not, as it is not the service time asked for.
    /// </summary>
    public async Task<long> SleepAsync(long ms, CallerTimeout callerTimeout, CancellationToken cancellationToken)
    {
        if (ms is < 0 or > MaxSleepMs)
        {
            throw new RemoteError("ValueError", "builtins", $"sleep takes 0 to {MaxSleepMs} ms, not {ms}");
        }

        var asked = TimeSpan.FromMilliseconds(ms);
        var cutShort = callerTimeout.Value is { } wait && wait < asked;
        var time = cutShort ? callerTimeout.Value!.Value : asked;
        var start = Stopwatch.GetTimestamp();
        if (time > TimeSpan.Zero)
        {
            await (time.TotalMilliseconds <= 100 ? PreciseDelay.WaitAsync(time, cancellationToken) : Task.Delay(time, cancellationToken));
        }

        if (!cutShort)
        {
            var took = Stopwatch.GetElapsedTime(start);
            lock (_sleepLock)
            {
                _sleepTimes.Record((long)(took.TotalMilliseconds * 1e6));
            }
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

    /// <summary>
    /// The thread-pool work items this process has completed so far: read before and after a measured window, it gives
    /// the worker's hand-offs per request (<see cref="Bench.Load.CpuCost.WorkItemsPerRequest"/>).
    /// </summary>
    public long ThreadPoolWorkItems() => ThreadPool.CompletedWorkItemCount;

    /// <summary>
    /// The methods this process's JIT has compiled so far, each tier counted: the warm-up goes on while it grows
    /// (<see cref="Bench.Load.WarmUp"/>).
    /// </summary>
    public long JitCompiledMethods() => System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>The raw baseline consumer's statistics, when this worker runs one.</summary>
    public WorkerStats? RawStats() => raw?.Snapshot();

    public void RawStatsReset() => raw?.Reset();
}

using System.Diagnostics;
using Bench.Load;
using Bench.Reporting;

namespace Bench.Harness.Workers;

/// <summary>
/// What a worker measures of the casts it receives: how many, the first and last arrival (throughput is measured at
/// the worker), and send-to-arrival latency. Stopwatch timestamps are CLOCK_MONOTONIC, shared by every process on the
/// machine. Written by the consumer's single dispatch loop; read through an RPC on that same loop.
/// </summary>
public sealed class OneWayStats
{
    private readonly LatencyHistogram _latency = new();
    private long _first;
    private long _last;

    public long Received => _latency.Count;

    public void Record(long sentTicks, long nowTicks)
    {
        if (_first == 0)
        {
            _first = nowTicks;
        }

        _last = nowTicks;
        _latency.Record(RunRecorderTicks.ToNanoseconds(nowTicks - sentTicks));
    }

    public void Reset()
    {
        _latency.Clear();
        _first = _last = 0;
    }

    public WorkerStats Snapshot(long rejected = 0) => new(_latency.Count, _first, _last, HistogramRecord.From(_latency)) { Rejected = rejected };
}

/// <summary>A worker's cast statistics as sent over RPC.</summary>
public sealed record WorkerStats(long Received, long FirstTicks, long LastTicks, HistogramRecord OneWay)
{
    /// <summary>Messages the worker could not dispatch (dead-lettered or answered with a failure) since it started.</summary>
    public long Rejected { get; init; }

    public double WindowSeconds => LastTicks > FirstTicks ? (LastTicks - FirstTicks) / (double)Stopwatch.Frequency : 0;
}

/// <summary>Ticks to nanoseconds, as the engine converts them.</summary>
public static class RunRecorderTicks
{
    public static long ToNanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
}

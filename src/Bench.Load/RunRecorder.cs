using System.Diagnostics;

namespace Bench.Load;

/// <summary>
/// The stats of one run phase (warm-up or measured): one <see cref="ThreadRecorder"/> per thread that records,
/// found through a thread-static, merged each second for the timeline and once at the end for the totals.
/// </summary>
internal sealed class RunRecorder(int errorSamplesPerKind)
{
    // How long the timeline waits after switching epochs before reading the old one. A record takes nanoseconds;
    // a thread descheduled in the middle of one for longer only moves that one sample to the next second.
    private static readonly TimeSpan s_grace = TimeSpan.FromMilliseconds(20);
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    [ThreadStatic]
    private static ThreadRecorder? t_recorder;

    private readonly Lock _threadsLock = new();
    private readonly List<ThreadRecorder> _threads = [];
    private readonly LatencyHistogram _intervalScratch = new();
    private int _epoch;

    public ErrorSamples Errors { get; } = new(errorSamplesPerKind);

    public static long ToNanoseconds(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * s_nanosecondsPerTick);

    public void Record(in StepResult result, long correctedTicks, long rawTicks)
    {
        var recorder = t_recorder;
        if (recorder is null || recorder.Owner != this)
        {
            recorder = Register();
        }

        recorder.Record(result.Outcome, ToNanoseconds(correctedTicks), ToNanoseconds(rawTicks), Volatile.Read(ref _epoch) & 1);
        if (result.Outcome != Outcome.Ok && result.Error is not null)
        {
            Errors.Offer(result.Outcome, result.Error);
        }
    }

    /// <summary>Ends the current second: switches epochs, waits out the grace, and returns what the old epoch holds.</summary>
    public async Task<TimelinePoint> HarvestAsync(int second, double seconds)
    {
        var old = Interlocked.Increment(ref _epoch) - 1;
        await Task.Delay(s_grace);
        return Harvest(old & 1, second, seconds);
    }

    /// <summary>What remains in both epochs, once every writer has finished.</summary>
    public TimelinePoint HarvestFinal(int second, double seconds)
    {
        var first = Harvest(0, second, seconds);
        var second2 = Harvest(1, second, seconds);
        return first with
        {
            Ok = first.Ok + second2.Ok,
            Failed = first.Failed + second2.Failed,
            TimedOut = first.TimedOut + second2.TimedOut,
            Throughput = seconds > 0 ? (first.Ok + second2.Ok) / seconds : 0,
            P50Ns = Math.Max(first.P50Ns, second2.P50Ns),
            P99Ns = Math.Max(first.P99Ns, second2.P99Ns),
            MaxNs = Math.Max(first.MaxNs, second2.MaxNs),
            SumNs = first.SumNs + second2.SumNs,
            Buckets = [.. first.Buckets.Concat(second2.Buckets).GroupBy(b => b.Index).Select(g => (g.Key, g.Sum(b => b.Count))).OrderBy(b => b.Key)],
        };
    }

    /// <summary>Live counts (ok, failed, timed out), read without stopping writers: each counter is a single-writer long.</summary>
    public (long Ok, long Failed, long TimedOut) LiveCounts()
    {
        long ok = 0, failed = 0, timedOut = 0;
        foreach (var thread in Threads())
        {
            ok += Volatile.Read(ref thread.Counts[0]);
            failed += Volatile.Read(ref thread.Counts[1]);
            timedOut += Volatile.Read(ref thread.Counts[2]);
        }

        return (ok, failed, timedOut);
    }

    /// <summary>The totals; call only when no request is in flight.</summary>
    public (LatencyHistogram Corrected, LatencyHistogram Raw, long Ok, long Failed, long TimedOut) Totals()
    {
        var corrected = new LatencyHistogram();
        var raw = new LatencyHistogram();
        long ok = 0, failed = 0, timedOut = 0;
        foreach (var thread in Threads())
        {
            corrected.Add(thread.Corrected);
            raw.Add(thread.Raw);
            ok += thread.Counts[0];
            failed += thread.Counts[1];
            timedOut += thread.Counts[2];
        }

        return (corrected, raw, ok, failed, timedOut);
    }

    private TimelinePoint Harvest(int parity, int second, double seconds)
    {
        _intervalScratch.Clear();
        long ok = 0, failed = 0, timedOut = 0;
        foreach (var thread in Threads())
        {
            var interval = thread.Interval[parity];
            _intervalScratch.Add(interval);
            interval.Clear();
            ok += Interlocked.Exchange(ref thread.IntervalCounts[(parity * 3) + 0], 0);
            failed += Interlocked.Exchange(ref thread.IntervalCounts[(parity * 3) + 1], 0);
            timedOut += Interlocked.Exchange(ref thread.IntervalCounts[(parity * 3) + 2], 0);
        }

        return new TimelinePoint(second, seconds, ok, failed, timedOut, seconds > 0 ? ok / seconds : 0,
            _intervalScratch.ValueAtPercentile(50), _intervalScratch.ValueAtPercentile(99), _intervalScratch.Max)
        {
            RssBytes = ProcessMemory.ResidentBytes(),
            SumNs = _intervalScratch.Sum,
            Buckets = _intervalScratch.NonZeroBuckets(),
        };
    }

    private ThreadRecorder[] Threads()
    {
        lock (_threadsLock)
        {
            return [.. _threads];
        }
    }

    private ThreadRecorder Register()
    {
        var recorder = new ThreadRecorder(this);
        lock (_threadsLock)
        {
            _threads.Add(recorder);
        }

        t_recorder = recorder;
        return recorder;
    }
}

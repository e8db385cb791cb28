using System.Diagnostics;
using Bench.Reporting.Broker;

namespace Bench.Broker.Metrics;

/// <summary>
/// Turns a sampler's ticks into the results' <see cref="BrokerRecord"/>: gauges as read, counters as rates over the
/// time since the same node's previous good scrape (per series, so a channel that closed or opened between two scrapes
/// neither subtracts nor vanishes), each tick flagged warm-up, measure or drain by the middle of the interval it covers.
/// </summary>
public static class BrokerSeries
{
    /// <param name="measureStart">Stopwatch timestamp of the measurement's start (the end of the warm-up).</param>
    /// <param name="issueSeconds">The issue window's length: after it, the drain.</param>
    public static BrokerRecord Build(BrokerSampling sampling, long measureStart, double issueSeconds, string source)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var seconds = new List<BrokerSecondRecord>();
        var last = new BrokerScrape?[sampling.Endpoints.Count];
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        long? previous = null;
        foreach (var tick in sampling.Ticks)
        {
            if (previous is { } from)
            {
                var mid = ((from + tick.Timestamp) / 2.0 - measureStart) / Stopwatch.Frequency;
                var phase = mid < 0 ? BrokerPhases.WarmUp : mid > issueSeconds ? BrokerPhases.Drain : BrokerPhases.Measure;
                seconds.Add(Second(tick, last, (tick.Timestamp - measureStart) / (double)Stopwatch.Frequency, phase));
            }

            for (var i = 0; i < tick.Scrapes.Count; i++)
            {
                if (tick.Scrapes[i] is { } scrape)
                {
                    last[i] = scrape;
                    queues.UnionWith(scrape.Queues.Keys);
                }
            }

            previous = tick.Timestamp;
        }

        return new BrokerRecord
        {
            Source = source,
            Queues = [.. queues],
            Seconds = seconds,
            Summary = Summarise(seconds),
            Sampler = new BrokerSamplerRecord(sampling.Scrapes, sampling.FailedScrapes, sampling.BytesRead, sampling.CpuSeconds)
            {
                FirstError = sampling.Ticks.Select(t => t.Error).FirstOrDefault(e => e is not null),
            },
        };
    }

    private static BrokerSecondRecord Second(BrokerTick tick, BrokerScrape?[] last, double at, string phase)
    {
        double ready = 0, unacked = 0, consumers = 0, published = 0, delivered = 0, acked = 0, memory = 0, limit = 0, runQueue = 0;
        double connOpened = 0, connClosed = 0, chOpened = 0, chClosed = 0;
        var utilisation = new List<double>();
        var raft = new List<double>();
        bool memoryAlarm = false, diskAlarm = false;
        for (var i = 0; i < tick.Scrapes.Count; i++)
        {
            if (tick.Scrapes[i] is not { } now)
            {
                continue;
            }

            foreach (var q in now.Queues.Values)
            {
                ready += q.Ready;
                unacked += q.Unacked;
                consumers += q.Consumers;
                if (q.Utilisation is { } u && q.Consumers > 0)
                {
                    utilisation.Add(u);
                }

                if (q.RaftCommitLatencySeconds is { } r)
                {
                    raft.Add(r * 1000);
                }
            }

            memory += now.MemoryBytes;
            limit += now.MemoryLimitBytes;
            memoryAlarm |= now.MemoryAlarm;
            diskAlarm |= now.DiskAlarm;
            runQueue = Math.Max(runQueue, now.RunQueue);
            if (last[i] is not { } before)
            {
                continue;
            }

            var dt = (now.Timestamp - before.Timestamp) / (double)Stopwatch.Frequency;
            if (dt <= 0)
            {
                continue;
            }

            foreach (var (key, (_, counter, value)) in now.Counters)
            {
                var delta = before.Counters.TryGetValue(key, out var old) ? Math.Max(0, value - old.Value) : value;
                switch (counter)
                {
                    case QueueCounter.Published:
                        published += delta / dt;
                        break;
                    case QueueCounter.Delivered:
                        delivered += delta / dt;
                        break;
                    case QueueCounter.Acked:
                        acked += delta / dt;
                        break;
                }
            }

            connOpened += Math.Max(0, now.ConnectionsOpened - before.ConnectionsOpened) / dt;
            connClosed += Math.Max(0, now.ConnectionsClosed - before.ConnectionsClosed) / dt;
            chOpened += Math.Max(0, now.ChannelsOpened - before.ChannelsOpened) / dt;
            chClosed += Math.Max(0, now.ChannelsClosed - before.ChannelsClosed) / dt;
        }

        return new BrokerSecondRecord
        {
            At = Math.Round(at, 3),
            Phase = phase,
            Gap = tick.Error is not null,
            Ready = ready,
            Unacked = unacked,
            Consumers = consumers,
            Utilisation = utilisation.Count > 0 ? utilisation.Average() : null,
            PublishedPerSecond = published,
            DeliveredPerSecond = delivered,
            AckedPerSecond = acked,
            RaftCommitLatencyMs = raft.Count > 0 ? raft.Average() : null,
            MemoryMb = memory / 1048576.0,
            MemoryLimitMb = limit / 1048576.0,
            MemoryAlarm = memoryAlarm,
            DiskAlarm = diskAlarm,
            RunQueue = runQueue,
            ConnectionsOpenedPerSecond = connOpened,
            ConnectionsClosedPerSecond = connClosed,
            ChannelsOpenedPerSecond = chOpened,
            ChannelsClosedPerSecond = chClosed,
        };
    }

    /// <summary>The summaries over the measured, gap-free seconds (counts: rate × the tick's interval, summed).</summary>
    public static BrokerSummaryRecord Summarise(IReadOnlyList<BrokerSecondRecord> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var samples = seconds.Where(s => s.IsSample).ToList();
        double published = 0, delivered = 0, acked = 0;
        for (var i = 0; i < seconds.Count; i++)
        {
            if (seconds[i].IsSample)
            {
                var dt = i == 0 ? 1 : seconds[i].At - seconds[i - 1].At;
                published += seconds[i].PublishedPerSecond * dt;
                delivered += seconds[i].DeliveredPerSecond * dt;
                acked += seconds[i].AckedPerSecond * dt;
            }
        }

        var utilisation = samples.Where(s => s.Utilisation is not null).Select(s => s.Utilisation!.Value).ToList();
        var raft = samples.Where(s => s.RaftCommitLatencyMs is not null).Select(s => s.RaftCommitLatencyMs!.Value).ToList();
        return new BrokerSummaryRecord
        {
            Samples = samples.Count,
            GapSeconds = seconds.Count(s => s.Gap),
            MeanReady = samples.Count > 0 ? samples.Average(s => s.Ready) : 0,
            MaxReady = samples.Count > 0 ? samples.Max(s => s.Ready) : 0,
            MeanUnacked = samples.Count > 0 ? samples.Average(s => s.Unacked) : 0,
            MeanUtilisation = utilisation.Count > 0 ? utilisation.Average() : null,
            Published = Math.Round(published),
            Delivered = Math.Round(delivered),
            Acked = Math.Round(acked),
            MemoryAlarmSeconds = samples.Count(s => s.MemoryAlarm),
            DiskAlarmSeconds = samples.Count(s => s.DiskAlarm),
            MaxRunQueue = samples.Count > 0 ? samples.Max(s => s.RunQueue) : 0,
            MeanRaftCommitLatencyMs = raft.Count > 0 ? raft.Average() : null,
        };
    }
}

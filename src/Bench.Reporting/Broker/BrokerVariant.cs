using System.Globalization;

namespace Bench.Reporting.Broker;

/// <summary>
/// The broker's view of one variant over its repetitions: summaries combined exactly (means weighted by their samples,
/// maxima taken, counts and alarm seconds summed, never averaged), and one bottleneck verdict (the repetitions'
/// own when they agree, "unclear" naming the split when they do not).
/// </summary>
public static class BrokerVariant
{
    public static BrokerSummaryRecord? Summary(IReadOnlyList<ScenarioRecord> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var parts = repetitions.Select(r => r.Broker?.Summary).Where(s => s is { Samples: > 0 }).Select(s => s!).ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var samples = parts.Sum(p => p.Samples);
        double Weighted(Func<BrokerSummaryRecord, double> f) => parts.Sum(p => f(p) * p.Samples) / samples;
        var withUtilisation = parts.Where(p => p.MeanUtilisation is not null).ToList();
        var withRaft = parts.Where(p => p.MeanRaftCommitLatencyMs is not null).ToList();
        return new BrokerSummaryRecord
        {
            Samples = samples,
            GapSeconds = parts.Sum(p => p.GapSeconds),
            MeanReady = Weighted(p => p.MeanReady),
            MaxReady = parts.Max(p => p.MaxReady),
            MeanUnacked = Weighted(p => p.MeanUnacked),
            MeanUtilisation = withUtilisation.Count > 0 ? withUtilisation.Sum(p => p.MeanUtilisation!.Value * p.Samples) / withUtilisation.Sum(p => p.Samples) : null,
            Published = parts.Sum(p => p.Published),
            Delivered = parts.Sum(p => p.Delivered),
            Acked = parts.Sum(p => p.Acked),
            MemoryAlarmSeconds = parts.Sum(p => p.MemoryAlarmSeconds),
            DiskAlarmSeconds = parts.Sum(p => p.DiskAlarmSeconds),
            MaxRunQueue = parts.Max(p => p.MaxRunQueue),
            MeanRaftCommitLatencyMs = withRaft.Count > 0 ? withRaft.Sum(p => p.MeanRaftCommitLatencyMs!.Value * p.Samples) / withRaft.Sum(p => p.Samples) : null,
        };
    }

    public static BottleneckRecord Bottleneck(IReadOnlyList<ScenarioRecord> repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var verdicts = repetitions.Select(r => r.Bottleneck ?? BottleneckVerdict.Decide(r)).ToList();
        var known = verdicts.Where(v => v.Who != "unknown").ToList();
        if (known.Count == 0)
        {
            return verdicts[0];
        }

        var groups = known.GroupBy(v => v.Who).ToList();
        if (groups.Count == 1)
        {
            return known[0] with { Words = known[0].Words + (known.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (all {known.Count} repetitions agree; figures of the first)") : string.Empty) };
        }

        return new BottleneckRecord("unclear", "unclear: the repetitions disagree (" + string.Join(", ", groups.Select(g => g.Key + " ×" + g.Count().ToString(CultureInfo.InvariantCulture))) + ")", BottleneckVerdict.How);
    }

    /// <summary>True when any repetition's figures were flagged inconsistent.</summary>
    public static bool Inconsistent(IReadOnlyList<ScenarioRecord> repetitions) => repetitions.Any(r => r.Consistency?.Inconsistent == true);
}

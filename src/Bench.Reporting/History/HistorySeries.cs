using Bench.Reporting.Comparison;

namespace Bench.Reporting.History;

/// <summary>
/// One measurement's nights, oldest first: each complete night that ran the variant (same suite, id and settings) gives
/// its throughput, p50, p99 (medians across the night's repetitions) and pooled error rate, with the revision it ran.
/// Incomplete nights are left out: they measured less than they claim.
/// </summary>
public sealed record HistorySeries(string Key, string Suite, string Label, IReadOnlyList<HistoryNight> Nights)
{
    /// <summary>The four figures a trend follows, and whether a rise is worse and whether each is searched on a log scale.</summary>
    public static IReadOnlyList<(string Name, Func<HistoryNight, double> Value, bool HigherIsBetter, bool LogScale)> Figures { get; } =
    [
        ("throughput", n => n.Throughput, true, true),
        ("p50", n => n.P50Us, false, true),
        ("p99", n => n.P99Us, false, true),
        ("error rate", n => n.ErrorRate, false, false),
    ];

    /// <summary>Every measurement in the history, in first-seen order.</summary>
    public static List<HistorySeries> From(IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var series = new Dictionary<string, (string Suite, string Label, List<HistoryNight> Nights)>();
        var order = new List<string>();
        foreach (var entry in entries.Where(e => !e.Incomplete).OrderBy(e => e.StartedAt))
        {
            foreach (var m in HistoryMeasurements.From(entry).Where(m => !m.Incomplete))
            {
                var key = entry.Suite + "|" + m.Key;
                if (!series.TryGetValue(key, out var s))
                {
                    s = (entry.Suite, m.Label, []);
                    series[key] = s;
                    order.Add(key);
                }

                s.Nights.Add(new HistoryNight(entry.Sha, entry.ShortSha, entry.Date, entry.RunId, m.Throughput, m.P50Us, m.P99Us, m.ErrorRate, m.LatencyJudged));
            }
        }

        return [.. order.Select(k => new HistorySeries(k, series[k].Suite, series[k].Label, series[k].Nights))];
    }

    /// <summary>The change points of one figure; a log-scaled figure's non-positive nights (nothing measured) are skipped.</summary>
    public List<(ChangePoint Point, HistoryNight Night)> ChangePoints(Func<HistoryNight, double> value, bool logScale)
    {
        ArgumentNullException.ThrowIfNull(value);
        var nights = Nights.Where(n => !logScale || (value(n) > 0 && double.IsFinite(value(n)))).ToList();
        return [.. ChangePointSearch.Find([.. nights.Select(value)], logScale).Select(p => (p, nights[p.Index]))];
    }
}

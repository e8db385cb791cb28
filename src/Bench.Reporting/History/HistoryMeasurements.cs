using Bench.Reporting.Comparison;

namespace Bench.Reporting.History;

/// <summary>A recorded revision's scenarios as comparable measurements (History uses Comparison, never the other way).</summary>
public static class HistoryMeasurements
{
    public static List<Measurement> From(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return [.. entry.Scenarios.GroupBy(s => s.Id + "|" + s.SettingsKey).Select(g =>
        {
            var first = g.First();
            var settings = first.SettingsKey.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            return new Measurement(first.Id, first.SettingsKey, Measurement.LabelOf(first.Id, settings),
                [.. g.Select(s => new RepetitionFigures(s.Throughput, s.P50Us, s.P99Us, s.P999Us, s.Ok, s.Issued, s.Failed + s.TimedOut, s.Incomplete || entry.Incomplete, s.Accounted))])
            {
                LatencyJudged = !Measurement.IsFlood(first.LatencyKind, first.Model),
                ThroughputPerSecond = first.ThroughputPerSecond,
                P50PerSecond = first.P50PerSecond,
            };
        })];
    }
}

using Bench.Reporting.History;

namespace Bench.Reporting.Comparison;

/// <summary>One scenario + settings on one side of a comparison: its overall figures and its per-second samples.</summary>
public sealed record Measurement(
    string Id, string SettingsKey, string Label, double Throughput, double P50Us, double P99Us, double P999Us,
    IReadOnlyList<double> ThroughputPerSecond, IReadOnlyList<double> P50PerSecond, bool PerSecondSamplesAreLatency)
{
    public string Key => Id + "|" + SettingsKey;

    /// <summary>From a run; casts are measured at the worker (no per-second samples of that), so only their overall figures compare.</summary>
    public static List<Measurement> From(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Scenarios.Select(s =>
        {
            var latency = s.OneWay ?? s.Latency.Corrected;
            var full = s.Timeline.Where(p => p.Seconds >= 0.999).ToList();
            var samples = s.OneWay is null;
            return new Measurement(s.Id, s.SettingsKey, LabelOf(s.Id, s.Settings), s.Throughput, latency.P50Us, latency.P99Us, latency.P999Us,
                samples ? [.. full.Select(p => p.Throughput)] : [], samples ? [.. full.Select(p => p.P50Us)] : [], samples);
        })];
    }

    public static List<Measurement> From(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return [.. entry.Scenarios.Select(s =>
        {
            var samples = !s.LatencyKind.StartsWith("one-way", StringComparison.Ordinal);
            var settings = s.SettingsKey.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            return new Measurement(s.Id, s.SettingsKey, LabelOf(s.Id, settings), s.Throughput, s.P50Us, s.P99Us, s.P999Us,
                samples ? s.ThroughputPerSecond : [], samples ? s.P50PerSecond : [], samples);
        })];
    }

    private static string LabelOf(string id, IReadOnlyDictionary<string, string> settings) =>
        id + " " + string.Join(' ', settings.Where(kv => kv.Key is "model" or "outstanding" or "rate" or "payloadBytes" or "sleepMs" or "prefetch" or "transport" or "route")
            .Select(kv => kv.Key + "=" + kv.Value));
}

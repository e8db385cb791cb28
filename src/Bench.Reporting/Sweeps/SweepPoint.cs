using Bench.Load;
using Bench.Reporting.Comparison;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// One variant (scenario id + settings) of a run, over all its repetitions: what a chart draws as one point. Figures
/// are the median of the repetitions, with their min–max as the spread; with one repetition the spread is nil.
/// </summary>
public sealed record SweepPoint
{
    public required RunResult Run { get; init; }

    /// <summary>The repetitions, in order (one record without `--repeat`).</summary>
    public required IReadOnlyList<ScenarioRecord> Repetitions { get; init; }

    /// <summary>What the variant is called in charts: only the settings that differ within the run ("prefetch=10 · direct").</summary>
    public required string Label { get; init; }

    /// <summary><see cref="Label"/> without the scenario id, for charts that already group by scenario.</summary>
    public required string ShortLabel { get; init; }

    public ScenarioRecord Scenario => Repetitions[0];

    public string Id => Scenario.Id;

    public SortedDictionary<string, string> Settings => Scenario.Settings;

    /// <summary>The full settings, for hover text and tables: "call.add ack=receipt channels=1 …".</summary>
    public string FullKey => Id + " " + string.Join(' ', Settings.Select(kv => kv.Key + "=" + kv.Value));

    public Spread Throughput => Spread.Of(Repetitions.Select(r => r.Throughput));

    public Spread P50 => Spread.Of(Repetitions.Select(r => Primary(r).P50Us));

    public Spread P99 => Spread.Of(Repetitions.Select(r => Primary(r).P99Us));

    /// <summary>The latency distribution of all repetitions together (histograms merged, exact sums added).</summary>
    public LatencyRecord Latency => _latency ??= Merge();

    private LatencyRecord? _latency;

    private LatencyRecord Merge()
    {
        if (Repetitions.Count == 1)
        {
            return Primary(Scenario);
        }

        var merged = new LatencyHistogram();
        foreach (var r in Repetitions)
        {
            merged.Add(Primary(r).Histogram.ToHistogram());
        }

        return LatencyRecord.From(merged);
    }

    /// <summary>The variant as the comparer takes it: every repetition (the comparer tests across them), labelled for charts.</summary>
    public Measurement ToMeasurement() => Measurement.From(Run with { Scenarios = [.. Repetitions] })[0] with { Label = Label };

    /// <summary>Calls: round trip from the intended start; casts: send to arrival at the worker.</summary>
    public static LatencyRecord Primary(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.OneWay ?? record.Latency.Corrected;
    }
}

namespace Bench.Reporting.Comparison;

/// <summary>
/// One scenario + settings (a variant) on one side of a comparison, with every repetition of it. Its figures are the
/// medians across repetitions; verdicts test the repetitions themselves (see <see cref="RepetitionTest"/>). Per-second
/// samples are kept for timelines, never for verdicts.
/// </summary>
public sealed record Measurement(string Id, string SettingsKey, string Label, IReadOnlyList<RepetitionFigures> Repetitions)
{
    public string Key => Id + "|" + SettingsKey;

    public double Throughput => Median(r => r.Throughput);

    public double P50Us => Median(r => r.P50Us);

    public double P99Us => Median(r => r.P99Us);

    public double P999Us => Median(r => r.P999Us);

    public long Issued => Repetitions.Sum(r => r.Issued);

    public long Errors => Repetitions.Sum(r => r.Errors);

    /// <summary>Failed plus timed out, over issued, pooled over repetitions.</summary>
    public double ErrorRate => Issued > 0 ? (double)Errors / Issued : 0;

    public bool Incomplete => Repetitions.Any(r => r.Incomplete);

    public bool Accounted => Repetitions.All(r => r.Accounted);

    /// <summary>
    /// False for a cast flood (closed model measured at the worker): its "one-way latency" is the depth of the backlog
    /// the client built, which grows with the request count and with how fast the client is, so it is not judged.
    /// </summary>
    public bool LatencyJudged { get; init; } = true;

    /// <summary>The first repetition's whole issue-window seconds (for timelines; verdicts do not use them).</summary>
    public IReadOnlyList<double> ThroughputPerSecond { get; init; } = [];

    public IReadOnlyList<double> P50PerSecond { get; init; } = [];

    public double Median(Func<RepetitionFigures, double> figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var values = Repetitions.Select(figure).Order().ToArray();
        return values.Length == 0 ? 0 : values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    /// <summary>From a run: repetitions of one variant (same id and settings) become one measurement, in first-seen order.</summary>
    public static List<Measurement> From(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Scenarios.GroupBy(s => s.Id + "|" + s.SettingsKey).Select(g =>
        {
            var first = g.First();
            var samples = first.Timeline.Where(p => p.IsSample).ToList();
            return new Measurement(first.Id, first.SettingsKey, LabelOf(first.Id, first.Settings), [.. g.OrderBy(s => s.Repetition).Select(Figures)])
            {
                LatencyJudged = !IsFlood(first.LatencyKind, first.Model),
                ThroughputPerSecond = [.. samples.Select(p => p.Throughput)],
                P50PerSecond = [.. samples.Select(p => p.P50Us)],
            };
        })];
    }

    private static RepetitionFigures Figures(ScenarioRecord s)
    {
        var latency = s.OneWay ?? s.Latency.Corrected;
        return new RepetitionFigures(s.Throughput, latency.P50Us, latency.P99Us, latency.P999Us, s.Counts.Ok, s.Counts.Issued,
            s.Counts.Failed + s.Counts.TimedOut, s.Incomplete, s.Counts.Accounted);
    }

    /// <summary>A closed-model cast flood: its one-way latency is the backlog it builds, not judged as latency.</summary>
    internal static bool IsFlood(string latencyKind, string model) => latencyKind.StartsWith("one-way", StringComparison.Ordinal) && model == "closed";

    internal static string LabelOf(string id, IReadOnlyDictionary<string, string> settings) =>
        id + " " + string.Join(' ', settings.Where(kv => kv.Key is "model" or "outstanding" or "rate" or "payloadBytes" or "sleepMs" or "prefetch" or "transport" or "route")
            .Select(kv => kv.Key + "=" + kv.Value));
}

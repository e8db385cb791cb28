using System.Globalization;
using Bench.Reporting.Comparison;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// What a sweep found, in sentences for the top of the report and summary.md: which variant did best, and per swept
/// setting how its values compare (the comparer's verdicts, with the change and the p-value behind each claim), or for
/// an open-model rate sweep where the knee is.
/// </summary>
public static class SweepVerdict
{
    public static List<string> Sentences(Sweep sweep, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var sentences = new List<string>();
        if (!sweep.HasEffects)
        {
            return sentences;
        }

        var reps = sweep.Points.Max(p => p.Repetitions.Count);
        var best = sweep.Points.MaxBy(p => p.Throughput.Median)!;
        var quickest = sweep.Points.MinBy(p => p.P99.Median)!;
        sentences.Add(F($"Most ok/s: {best.ShortLabel} ({best.Throughput.Median:N0}/s); lowest p99: {quickest.ShortLabel} ({quickest.P99.Median:N0} µs)")
            + (reps > 1 ? F($" — medians of {reps} repetitions.") : "."));
        foreach (var setting in sweep.WithEffects)
        {
            var lines = sweep.Lines(setting);
            if (setting.Name == "rate")
            {
                sentences.AddRange(lines.Select(line => KneeSentence(line)));
                continue;
            }

            if (setting.Values.Count > 2)
            {
                sentences.Add(BestValue(sweep, setting, lines, options));
            }

            var against = NeighbourComparison.Along(sweep, setting, againstFirst: true, options);
            foreach (var group in against.GroupBy(c => c.To, StringComparer.Ordinal))
            {
                var rows = group.ToList();
                sentences.Add(F($"{setting.Name} {rows[0].To} against {rows[0].From}: ") + Summarise(rows, sweep.OthersPhrase(setting), lines.Count, options) + ".");
            }
        }

        return sentences;
    }

    /// <summary>"knee at 4,000/s (p99 … 2.6× …)" or "no knee up to 8,000/s", for one line of a rate sweep.</summary>
    public static string KneeSentence(SweepLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var at = line.Label.Length > 0 ? " at " + line.Label : string.Empty;
        var knee = Knee.Find(RatePoints(line));
        return knee is null
            ? F($"rate{at}: no knee up to {line.Points[^1].Settings["rate"]}/s offered (p99 stayed within {Knee.LatencyFactor}× and ok/s within {Knee.Shortfall:0%} of the offered rate).")
            : F($"rate{at}: knee at {knee.Offered:N0}/s offered — {knee.Why}.");
    }

    public static List<RatePoint> RatePoints(SweepLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return [.. line.Points.Select(p => new RatePoint(NaturalOrder.Number(p.Settings["rate"]) ?? 0, p.Throughput.Median, p.P99.Median))];
    }

    private static string BestValue(Sweep sweep, SweptSetting setting, List<SweepLine> lines, ComparisonOptions? options)
    {
        var line = lines.MaxBy(l => l.Points.Max(p => p.Throughput.Median))!;
        var best = line.Points.MaxBy(p => p.Throughput.Median)!;
        var first = line.Points[0];
        var at = line.Label.Length > 0 && lines.Count > 1 ? " at " + line.Label : string.Empty;
        var value = Sweep.ValueOf(best, setting.Name);
        var rest = line.Points.Where(p => !ReferenceEquals(p, best) && !ReferenceEquals(p, first)).Select(p => F($"; {Sweep.ValueOf(p, setting.Name)}: {p.Throughput.Median:N0}/s"));
        var text = F($"{setting.Name} {value} gave the most ok/s ({best.Throughput.Median:N0}/s{at}{string.Concat(rest)})");
        if (!ReferenceEquals(best, first))
        {
            var c = ResultComparer.CompareOne(first.ToMeasurement(), best.ToMeasurement(), options ?? new ComparisonOptions());
            text += F($", {ScenarioComparison.Change(first.Throughput.Median, best.Throughput.Median):+0%;-0%} over {setting.Name} {Sweep.ValueOf(first, setting.Name)} ({Word(c.Verdict)}; ")
                + Certainty([c], c.Verdict, options) + ")";
        }

        var leaders = lines.Select(l => Sweep.ValueOf(l.Points.MaxBy(p => p.Throughput.Median)!, setting.Name)).Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count > 1)
        {
            text += leaders.Count == 1 ? F($"; the same value led at every {sweep.OthersPhrase(setting)}")
                : "; the leader differs: " + string.Join(", ", lines.Select(l => l.Label + " → " + Sweep.ValueOf(l.Points.MaxBy(p => p.Throughput.Median)!, setting.Name)));
        }

        return text + ".";
    }

    /// <summary>
    /// "slower at every prefetch (ok/s -27% to -44%, p99 +30% to +60%; told apart from noise: p ≤ 0.0004)": each figure
    /// once, in whole percent, and how sure in words — or verdicts split by where they hold.
    /// </summary>
    private static string Summarise(List<NeighbourComparison> rows, string others, int lineCount, ComparisonOptions? options)
    {
        var parts = new List<string>();
        foreach (var group in rows.GroupBy(Word).OrderBy(g => g.Key == Word(Verdict.Same)))
        {
            var g = group.ToList();
            var verdict = g[0].Result.Verdict;
            var where = g.Count == rows.Count && lineCount > 1 && others.Length > 0 ? (verdict == Verdict.Same ? " at any " : " at every ") + others
                : rows.Count == 1 || g.All(r => r.At.Length == 0) ? string.Empty
                : " at " + string.Join(", ", g.Select(r => AtText(r)));
            var evidence = Range("ok/s", g.Select(r => r.ThroughputChange)) + ", " + Range("p50", g.Select(r => ScenarioComparison.Change(r.Base.P50.Median, r.Diff.P50.Median)))
                + ", " + Range("p99", g.Select(r => r.P99Change)) + "; " + Certainty([.. g.Select(r => r.Result)], verdict, options);
            parts.Add(group.Key + where + " (" + evidence + ")");
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// How sure a verdict is, in words: with one run a side, the size a difference must pass to be told from noise and
    /// how to test it; with repetitions, whether the test across them told it from noise, and its p-value.
    /// </summary>
    public static string Certainty(IReadOnlyList<ScenarioComparison> comparisons, Verdict verdict, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        options ??= new ComparisonOptions();
        var tested = comparisons.Where(c => c.ThroughputP is not null).Select(c => c.ThroughputP!.Value).ToList();
        if (tested.Count == 0)
        {
            return F($"one run each: differences under {options.Threshold * options.UntestedFactor:0%} cannot be told from noise here; use --repeat 3");
        }

        return verdict == Verdict.Same
            ? F($"not told apart from noise across the repetitions (p ≥ {tested.Min():0.000})")
            : "told apart from noise across the repetitions (" + (tested.Max() < 0.0001 ? "p < 0.0001" : F($"p ≤ {tested.Max():0.0000}")) + ")";
    }

    private static string Range(string name, IEnumerable<double> changes)
    {
        var sorted = changes.Order().Select(c => F($"{c:+0%;-0%}")).ToList();
        return sorted[0] == sorted[^1] ? name + " " + sorted[0] : name + " " + sorted[0] + " to " + sorted[^1];
    }

    // A line whose other swept settings are all at their defaults has an empty label.
    private static string AtText(NeighbourComparison row) => row.At.Length > 0 ? row.At : "defaults";

    // "Slower" is a regression's word: a step that gained throughput but lost more in latency (more load on a closed
    // model) is a trade-off, and says so.
    private static string Word(NeighbourComparison row) =>
        row.Result.Verdict == Verdict.Slower && row.ThroughputChange > 0 && row.Result.Reason.Contains("throughput +", StringComparison.Ordinal)
            ? "more throughput at higher latency"
            : Word(row.Result.Verdict);

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Faster => "faster",
        Verdict.Slower => "slower",
        _ => "no clear difference",
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

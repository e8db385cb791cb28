using System.Globalization;
using System.Text;
using Bench.Load;

namespace Bench.Reporting;

/// <summary>
/// The hops of call variants (see <see cref="HopRecord"/>), repetitions merged through their histograms: a markdown
/// table for summary.md, and the merged means the report's stacked bars draw.
/// </summary>
public static class HopSummary
{
    /// <summary>Hop <paramref name="name"/> over every repetition given, merged (never averaged).</summary>
    public static LatencyHistogram Merged(IEnumerable<ScenarioRecord> repetitions, string name)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var merged = new LatencyHistogram();
        foreach (var hop in repetitions.SelectMany(r => r.Hops).Where(h => h.Name == name))
        {
            merged.Add(hop.Histogram.ToHistogram());
        }

        return merged;
    }

    public static string ToMarkdown(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var variants = run.Scenarios.Where(s => s.Hops.Count > 0).GroupBy(s => s.Id + "|" + s.SettingsKey).Select(g => g.ToList()).ToList();
        if (variants.Count == 0)
        {
            return string.Empty;
        }

        var names = variants[0][0].Hops.Select(h => h.Name).ToList();
        var text = new StringBuilder();
        text.AppendLine("## Where call time went: mean (p99) µs per hop");
        text.AppendLine();
        text.AppendLine("| scenario | settings | " + string.Join(" | ", names) + " | sum of means | mean round trip |");
        text.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---:|", names.Count + 2)));
        foreach (var reps in variants)
        {
            var hops = names.Select(n => Merged(reps, n)).ToList();
            var roundTrip = new LatencyHistogram();
            foreach (var r in reps)
            {
                roundTrip.Add(r.Latency.Raw.Histogram.ToHistogram());
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{reps[0].Id}` | {reps[0].SettingsKey.Replace(";", " ", StringComparison.Ordinal)} | {string.Join(" | ", hops.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Mean / 1000:N1} ({h.ValueAtPercentile(99) / 1000.0:N0})")))} | {hops.Sum(h => h.Mean) / 1000:N1} | {roundTrip.Mean / 1000:N1} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Bench-only timestamps ({variants[0][0].HopsClock}): client send → worker receipt → handler start → handler end → reply sent → client receipt. The round trip also holds the client's own scheduling after the reply arrives.");
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;
using Bench.Reporting.Comparison;

namespace Bench.Reporting.History;

/// <summary>
/// crank's regression-bot rule, "three in, two out": each recorded night is compared with the baseline (the same test,
/// threshold and noise floor as `bench compare`); a shift is flagged only when the last two nights are out of range
/// (slower) after at least three in range. One bad night on a shared runner warns; it does not cry wolf.
/// </summary>
public static class TrendRule
{
    public const int StableNights = 3;
    public const int OutNights = 2;

    public sealed record Series(string Key, string Label, IReadOnlyList<(string Revision, Verdict Verdict)> Nights, bool Shift);

    public static List<Series> Evaluate(IReadOnlyList<HistoryEntry> entries, HistoryEntry baseline, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(baseline);
        options ??= new ComparisonOptions();
        var baseMeasurements = HistoryMeasurements.From(baseline).ToDictionary(m => m.Key);
        var series = new List<Series>();
        foreach (var key in baseMeasurements.Keys)
        {
            var nights = new List<(string, Verdict)>();
            // Only complete nights of the baseline's suite: a quick run or an interrupted night is another measurement.
            foreach (var entry in entries.Where(e => e.StartedAt > baseline.StartedAt && e.Suite == baseline.Suite && !e.Incomplete))
            {
                if (HistoryMeasurements.From(entry).FirstOrDefault(m => m.Key == key) is { } night)
                {
                    nights.Add((entry.Date + " " + entry.ShortSha, ResultComparer.CompareOne(baseMeasurements[key], night, options).Verdict));
                }
            }

            var shift = nights.Count >= StableNights + OutNights
                && nights.TakeLast(OutNights).All(n => n.Item2 is Verdict.Slower or Verdict.Invalid)
                && nights.SkipLast(OutNights).TakeLast(StableNights).All(n => n.Item2 is Verdict.Same or Verdict.Faster);
            series.Add(new Series(key, baseMeasurements[key].Label, nights, shift));
        }

        return series;
    }

    public static string ToMarkdown(IReadOnlyList<Series> series, string baselineName)
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = new StringBuilder();
        var shifts = series.Count(s => s.Shift);
        text.AppendLine(CultureInfo.InvariantCulture, $"## Trend against baseline {baselineName} (3 in, 2 out)");
        text.AppendLine();
        text.AppendLine(shifts > 0 ? $"**{shifts} shift(s) flagged**: two nights out of range after three in range." : "No shift: no measurement has two nights out of range after three in range.");
        text.AppendLine();
        text.AppendLine("| measurement | nights, oldest first (· same, ▲ faster, ▼ slower, ✕ invalid) | shift |");
        text.AppendLine("|---|---|---|");
        foreach (var s in series)
        {
            var marks = string.Concat(s.Nights.Select(n => n.Verdict switch { Verdict.Slower => "▼", Verdict.Faster => "▲", Verdict.Invalid => "✕", _ => "·" }));
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{s.Label}` | {(marks.Length > 0 ? marks : "(no nights since the baseline)")} | {(s.Shift ? "🔴 yes" : "no")} |");
        }

        return text.ToString();
    }
}

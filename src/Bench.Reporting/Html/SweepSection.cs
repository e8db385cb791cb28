using System.Globalization;
using System.Net;
using System.Text;
using Bench.Reporting.Comparison;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>A sweep's verdict in words and its neighbour comparisons, as HTML.</summary>
internal static class SweepSection
{
    public static void AppendVerdict(StringBuilder html, Sweep sweep)
    {
        html.Append("<div class=\"verdict\"><h2>").Append(Encode(sweep.ScenarioId)).Append(": what ").Append(Encode(string.Join(", ", sweep.WithEffects.Select(s => s.Name))))
            .Append(" did</h2><ul>");
        foreach (var sentence in SweepVerdict.Sentences(sweep))
        {
            html.Append("<li>").Append(Encode(sentence)).Append("</li>");
        }

        html.Append("</ul></div>");
    }

    /// <summary>Each variant against its neighbours along each setting (prefetch 1 → 10 → 100 → unlimited, at each transport).</summary>
    public static void AppendNeighbours(StringBuilder html, Sweep sweep)
    {
        var rows = sweep.WithEffects.SelectMany(s => NeighbourComparison.Along(sweep, s)).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(Encode(sweep.ScenarioId)).Append(": neighbours along each setting</h2><p class=\"caption\">Each variant against the next value of one setting, the other settings equal: the comparer's verdict and why (relative threshold, absolute noise floor and a Mann–Whitney test on the per-second samples). Hover a step for both variants' full settings.</p>");
        html.Append("<table><tr><th>setting</th><th>step</th><th>at</th><th>verdict</th><th>ok/s</th><th>change</th><th>p50 µs</th><th>p99 µs</th><th>change</th><th>why</th></tr>");
        foreach (var r in rows)
        {
            var c = r.Result;
            html.Append("<tr><td>").Append(Encode(r.Setting.Name)).Append("</td><td title=\"").Append(Encode(r.Base.FullKey + "  →  " + r.Diff.FullKey)).Append("\">")
                .Append(Encode(r.From + " → " + r.To)).Append("</td><td>").Append(Encode(r.At)).Append("</td><td").Append(c.Verdict == Verdict.Slower ? " class=\"warn\"" : string.Empty).Append('>')
                .Append(c.Verdict.ToString().ToLowerInvariant()).Append("</td><td class=\"n\">")
                .Append(F($"{r.Base.Throughput.Median:N0} → {r.Diff.Throughput.Median:N0}</td><td class=\"n\">{r.ThroughputChange:+0.0%;-0.0%}</td><td class=\"n\">{r.Base.P50.Median:N0} → {r.Diff.P50.Median:N0}</td><td class=\"n\">{r.Base.P99.Median:N0} → {r.Diff.P99.Median:N0}</td><td class=\"n\">{r.P99Change:+0.0%;-0.0%}</td><td class=\"why\">"))
                .Append(Encode(c.Reason)).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

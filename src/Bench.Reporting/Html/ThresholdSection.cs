using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Html;

/// <summary>The `--assert` thresholds of every scenario that had any: expression, measured value, pass or breach.</summary>
internal static class ThresholdSection
{
    public static void AppendTo(StringBuilder html, IReadOnlyList<RunResult> runs)
    {
        var rows = runs.SelectMany(r => r.Scenarios).SelectMany(s => s.Thresholds.Select(t => (Scenario: s, Threshold: t))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var breached = rows.Count(r => !r.Threshold.Passed);
        html.Append("<h2 id=\"thresholds\">Thresholds</h2><p class=\"caption\">")
            .Append(CultureInfo.InvariantCulture, $"{rows.Count - breached} of {rows.Count} passed")
            .Append(breached > 0 ? "; a breach fails the run (exit 1)" : string.Empty)
            .Append(". Latency thresholds read the latency the tables headline: round trip for calls, at the worker for casts.</p>");
        html.Append("<table><tr><th>scenario</th><th>settings</th><th>threshold</th><th>measured</th><th>result</th></tr>");
        foreach (var (s, t) in rows)
        {
            html.Append("<tr><td>").Append(Encode(s.Id)).Append("</td><td class=\"key\">").Append(Encode(string.Join(' ', s.Settings.Select(kv => kv.Key + "=" + kv.Value))))
                .Append("</td><td><code>").Append(Encode(t.Expression)).Append("</code></td><td class=\"why\">").Append(Encode(t.Measured + (t.Window is null ? string.Empty : ", " + t.Window) + (t.Note is null ? string.Empty : ": " + t.Note)))
                .Append("</td><td").Append(t.Passed ? ">✓ pass" : " class=\"warn\">✗ breach").Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

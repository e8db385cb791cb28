using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Html;

/// <summary>
/// How each open-model rate given as a fraction of capacity was chosen: the rate search's steps (offered, late starts,
/// p99, and why the last failed), the capacity and the fraction. Nothing when no scenario searched.
/// </summary>
internal static class RateChoiceSection
{
    public static void AppendTo(StringBuilder html, IReadOnlyList<RunResult> runs)
    {
        var chosen = runs.SelectMany(r => r.Scenarios).Where(s => s.RateChoice is not null).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"rate-choice\">How open-model rates were chosen</h2><p class=\"caption\">A short rate search just before the scenario: ")
            .Append("steps at rising rates, stopped at the first whose late starts grow past 0.1% and twice the first step's, or past the knee; the capacity is the highest step before it, and the scenario ran at the stated fraction of it.</p>")
            .Append("<table><tr><th>scenario</th><th>basis</th><th>steps: offered/s · late starts · p99 ms</th><th>capacity /s</th><th>fraction</th><th>rate /s</th></tr>");
        foreach (var s in chosen)
        {
            var c = s.RateChoice!;
            var steps = string.Join("<br>", c.Steps.Select(p => WebUtility.HtmlEncode(F($"{p.Offered:N0} · {p.LateStarts:N0} · {p.P99Us / 1000:0.0}") + (p.Failure is null ? " ok" : " failed: " + p.Failure))));
            html.Append("<tr><td><code>").Append(WebUtility.HtmlEncode(s.Id)).Append("</code></td><td class=\"why\">").Append(WebUtility.HtmlEncode(c.Basis)).Append("</td><td class=\"why\">").Append(steps)
                .Append("</td><td>").Append(F($"{c.CapacityPerSecond:N0}")).Append("</td><td>").Append(F($"{c.Fraction:0.##%}")).Append("</td><td>").Append(F($"{c.RatePerSecond:N0}")).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

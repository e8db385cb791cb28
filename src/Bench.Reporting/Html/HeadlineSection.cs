using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Html;

/// <summary>
/// The default suite's answer, first in its report: a table of each Bench scenario against its raw baseline (ok/s,
/// p50, p99, CPU per request, each with Bench/raw) and a sentence on the harness's own cost and on how sure it all is.
/// </summary>
internal static class HeadlineSection
{
    public static void AppendTo(StringBuilder html, Headline headline)
    {
        html.Append("<div class=\"verdict\"><h2>How fast are Bench's calls and casts?</h2><p>Each Bench scenario beside the same load sent with plain RabbitMQ.Client (the raw baseline), in this run. ")
            .Append("A ratio is Bench ÷ raw: below 1× ok/s or above 1× latency and CPU is what Bench's RPC layer costs.</p><ul>");
        if (headline.Harness is { } h)
        {
            html.Append("<li>").Append(Encode(HarnessSentence(headline, h))).Append("</li>");
        }

        html.Append("<li>").Append(Encode(headline.Uncertainty())).Append("</li></ul>");
        html.Append("<table class=\"headline\"><tr><th>scenario · load</th><th>ok/s</th><th>p50 µs</th><th>p99 µs</th><th>CPU µs/req</th><th>raw ok/s</th><th>raw p50</th><th>raw p99</th><th>raw CPU</th>")
            .Append("<th>ok/s ×</th><th>p50 ×</th><th>p99 ×</th><th>CPU ×</th></tr>");
        foreach (var row in headline.Rows)
        {
            html.Append("<tr><td title=\"").Append(Encode(row.Scenario + " " + row.Settings)).Append("\">").Append(Encode(row.Name)).Append(row.IsFlood ? " <span class=\"key\">(a flood: latency is the backlog it builds)</span>" : row.IsCast ? " <span class=\"key\">(latency at the worker)</span>" : string.Empty).Append("</td>");
            Cells(html, row.Bench);
            if (row.Raw is { } raw)
            {
                Cells(html, raw);
            }
            else
            {
                html.Append("<td colspan=\"4\" class=\"key\">no raw baseline with this load in the run</td>");
            }

            foreach (var figure in new Func<Headline.Figures, double>[] { f => f.Throughput, f => f.P50Us, f => f.P99Us, f => f.CpuUsPerRequest })
            {
                html.Append("<td>").Append(row.Ratio(figure) is { } r ? RatioText.Format(r) : "–").Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table><p class=\"key\">CPU µs/req: client + worker user+system CPU over the measured window, divided by completed requests (the broker's is in the table at the end). Hover a scenario for its full settings.</p></div>");
    }

    /// <summary>"The harness itself (harness.null, an empty step) takes 0.06 µs of CPU per request: 0.03% of the cheapest scenario here."</summary>
    internal static string HarnessSentence(Headline headline, Headline.Figures harness)
    {
        var share = headline.HarnessShare is { } s ? string.Create(CultureInfo.InvariantCulture, $": {Percent(s)} of the cheapest scenario here, so the figures are the system's, not the harness's") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"The harness itself (harness.null, an empty step) takes {harness.CpuUsPerRequest:0.00} µs of CPU per request{share}.");
    }

    private static string Percent(double share) => share < 0.001 ? "under 0.1%" : share.ToString("0.0%", CultureInfo.InvariantCulture);

    private static void Cells(StringBuilder html, Headline.Figures f) =>
        html.Append(string.Create(CultureInfo.InvariantCulture, $"<td>{f.Throughput:N0}</td><td>{f.P50Us:N0}</td><td>{f.P99Us:N0}</td><td>{f.CpuUsPerRequest:N1}</td>"));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

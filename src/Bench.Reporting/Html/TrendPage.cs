using System.Globalization;
using System.Net;
using System.Text;
using Bench.Reporting.History;
using Bench.Reporting.Plotly;

namespace Bench.Reporting.Html;

/// <summary>
/// `bench history page OUT/`: one self-contained HTML page (plotly.js inlined, as the report; opens offline) with every
/// measurement of results/history over its nights: throughput, p50, p99 and error rate stacked, change points
/// (<see cref="ChangePointSearch"/>) drawn as red lines with their size, interval and p, and a table of nights whose
/// revisions link to their commits and runs' reports. A click on a point opens that night's report.
/// </summary>
public static class TrendPage
{
    // After the shared renderer: a click on a point opens the report of its night (customdata holds the link).
    private const string ClickToReport = """
        (function () {
          document.querySelectorAll('.chart').forEach(function (el) {
            if (el.on) { el.on('plotly_click', function (d) { var url = d.points[0].customdata; if (url) { window.location.href = url; } }); }
          });
        })();
        """;

    /// <summary>Where the page links: templates with {sha} (a commit) and {run} (a run id); null leaves links out.</summary>
    public sealed record Links(string? Commit, string? Report)
    {
        public string? CommitOf(HistoryNight night) => Commit?.Replace("{sha}", night.Sha, StringComparison.Ordinal);

        public string? ReportOf(HistoryNight night) => Report?.Replace("{run}", night.RunId, StringComparison.Ordinal).Replace("{sha}", night.Sha, StringComparison.Ordinal);
    }

    public static string Render(IReadOnlyList<HistoryEntry> history, string plotlyJs, Links links)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(plotlyJs);
        ArgumentNullException.ThrowIfNull(links);
        var series = HistorySeries.From(history);
        var figures = series.Select((s, i) => Chart(s, "trend-" + i.ToString(CultureInfo.InvariantCulture), links)).ToList();
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bench trend</title>");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222}h1{font-size:1.6rem}")
            .Append("h2{font-size:1.2rem;margin-top:2.5rem}.caption{color:#555;max-width:70rem}.chart{min-height:620px}.cp{color:#b00}")
            .Append("table{border-collapse:collapse;font-size:.8rem;margin-top:.5rem}td,th{border:1px solid #ddd;padding:.25rem .45rem;text-align:right}")
            .Append("td:first-child,td:nth-child(2),td:nth-child(3),th{text-align:left}#bench-status{color:#777;font-size:.8rem}details{margin-top:.5rem}</style>");
        html.Append("<script>").Append(plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script></head><body>");
        html.Append("<h1>Bench trend</h1>");
        var nights = history.Where(e => !e.Incomplete).OrderBy(e => e.StartedAt).ToList();
        html.Append("<p class=\"caption\">").Append(nights.Count).Append(" complete night(s)");
        if (nights.Count > 0)
        {
            html.Append(", ").Append(Encode(nights[0].Date + " " + nights[0].ShortSha)).Append(" to ").Append(Encode(nights[^1].Date + " " + nights[^1].ShortSha));
        }

        html.Append(", ").Append(series.Count).Append(" measurement(s). Change points: E-Divisive means with a Student t-test (p &lt; ")
            .Append(ChangePointSearch.MaxP.ToString(CultureInfo.InvariantCulture)).Append(", shift ≥ ").Append(ChangePointSearch.MinShift.ToString("0%", CultureInfo.InvariantCulture))
            .Append(", at least ").Append(ChangePointSearch.MinNights).Append(" nights a side); each names the first revision at the new level. Click a point for its night's report.</p>");
        html.Append("<p id=\"bench-status\">drawing…</p>");
        for (var i = 0; i < series.Count; i++)
        {
            AppendSeries(html, series[i], figures[i], links);
        }

        html.Append("<script type=\"application/json\" id=\"bench-figures\">").Append(PlotlyJson.Serialize(figures)).Append("</script>");
        html.Append("<script>").Append(HtmlReport.Renderer).Append(ClickToReport).Append("</script></body></html>");
        return html.ToString();
    }

    private static Figure Chart(HistorySeries series, string id, Links links)
    {
        var x = series.Nights.Select((_, i) => (object)i).ToList();
        var ticks = series.Nights.Select(n => n.Date + "<br>" + n.ShortSha).ToList();
        var reports = series.Nights.Select(n => links.ReportOf(n) ?? string.Empty).ToList();
        var traces = new List<Trace>();
        var shapes = new List<Shape>();
        var annotations = new List<Annotation>();
        var axes = new Dictionary<string, object>();
        var panels = HistorySeries.Figures;
        var height = 1.0 / panels.Count;
        for (var p = 0; p < panels.Count; p++)
        {
            var (name, value, _, logScale) = panels[p];
            var axis = p == 0 ? "y" : "y" + (p + 1).ToString(CultureInfo.InvariantCulture);
            var top = 1 - (p * height);
            var domain = new[] { Math.Max(0, top - height + 0.06), top };
            var unit = name switch { "throughput" => "ok/s", "error rate" => "", _ => "µs" };
            traces.Add(new ScatterTrace
            {
                Name = name, Mode = "lines+markers", X = x, Y = [.. series.Nights.Select(value)], YAxis = axis, CustomData = reports, ShowLegend = false,
                HoverTemplate = "%{text}<br>" + name + " %{y:" + (name == "error rate" ? ".2%" : ",.1f") + "} " + unit + "<extra></extra>",
                Text = [.. series.Nights.Select(n => n.Date + " " + n.ShortSha)],
            });
            var axisSpec = new Axis { Domain = domain, Title = new Title(name + (unit.Length > 0 ? " (" + unit + ")" : string.Empty)), RangeMode = "tozero", TickFormat = name == "error rate" ? ".1%" : null, Anchor = "x" };
            if (p == 0)
            {
                axes["yaxis"] = axisSpec;
            }
            else
            {
                axes["yaxis" + (p + 1).ToString(CultureInfo.InvariantCulture)] = axisSpec;
            }

            foreach (var (point, _) in series.ChangePoints(value, logScale))
            {
                var at = point.Index - 0.5;
                shapes.Add(new Shape(at, at, 0, 1, "x", axis + " domain") { Line = new Line("#c00", 2, "dash") });
                annotations.Add(new Annotation(ChangeText(point, logScale), at, 1, "x", axis + " domain") { XAnchor = "left", YAnchor = "top", Font = new Font("system-ui, sans-serif", 11) { Color = "#c00" } });
            }
        }

        return new Figure(id, series.Label, series.Suite, traces, new Layout
        {
            XAxis = new Axis { TickVals = [.. x.Select(v => (double)(int)v)], TickText = ticks, AutoMargin = true },
            YAxis = (Axis)axes["yaxis"],
            MoreAxes = axes.Where(kv => kv.Key != "yaxis").ToDictionary(kv => kv.Key, kv => kv.Value),
            Shapes = shapes.Count > 0 ? shapes : null,
            Annotations = annotations.Count > 0 ? annotations : null,
            Height = 620,
            Margin = new Margin(80, 20, 20, 70),
            ShowLegend = false,
        });
    }

    private static string ChangeText(ChangePoint point, bool logScale) => logScale
        ? string.Create(CultureInfo.InvariantCulture, $"{point.Change:+0.0%;−0.0%} [{point.Low:+0.0%;−0.0%}, {point.High:+0.0%;−0.0%}] p={point.P:0.###}")
        : string.Create(CultureInfo.InvariantCulture, $"{point.Change * 100:+0.00;−0.00} pp [{point.Low * 100:+0.00;−0.00}, {point.High * 100:+0.00;−0.00}] p={point.P:0.###}");

    private static void AppendSeries(StringBuilder html, HistorySeries series, Figure figure, Links links)
    {
        html.Append("<h2>").Append(Encode(series.Label)).Append(" <span class=\"caption\">suite ").Append(Encode(series.Suite)).Append("</span></h2>");
        var points = HistorySeries.Figures.SelectMany(f => series.ChangePoints(f.Value, f.LogScale).Select(c => (f.Name, f.LogScale, c.Point, c.Night))).ToList();
        if (points.Count == 0)
        {
            html.Append("<p class=\"caption\">No change point in ").Append(series.Nights.Count).Append(" night(s).</p>");
        }
        else
        {
            html.Append("<table><tr><th>figure</th><th>first revision at the new level</th><th>date</th><th>change [95% interval]</th><th>p</th><th>nights before / after</th></tr>");
            foreach (var (name, logScale, point, night) in points)
            {
                html.Append("<tr class=\"cp\"><td>").Append(Encode(name)).Append("</td><td>").Append(Revision(night, links)).Append("</td><td>").Append(Encode(night.Date))
                    .Append("</td><td>").Append(Encode(ChangeText(point, logScale).Split(" p=")[0])).Append("</td><td>").Append(point.P.ToString("0.####", CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(point.NightsBefore).Append(" / ").Append(point.NightsAfter).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<div class=\"chart\" id=\"").Append(figure.Id).Append("\"></div>");
        html.Append("<details><summary>").Append(series.Nights.Count).Append(" night(s)</summary><table><tr><th>date</th><th>revision</th><th>report</th><th>ok/s</th><th>p50 (µs)</th><th>p99 (µs)</th><th>error rate</th></tr>");
        foreach (var n in series.Nights)
        {
            var report = links.ReportOf(n);
            html.Append("<tr><td>").Append(Encode(n.Date)).Append("</td><td>").Append(Revision(n, links)).Append("</td><td>")
                .Append(report is null ? Encode(n.RunId) : "<a href=\"" + Encode(report) + "\">" + Encode(n.RunId) + "</a>")
                .Append(string.Create(CultureInfo.InvariantCulture, $"</td><td>{n.Throughput:N0}</td><td>{n.P50Us:N1}</td><td>{n.P99Us:N1}</td><td>{n.ErrorRate:0.00%}</td></tr>"));
        }

        html.Append("</table></details>");
    }

    private static string Revision(HistoryNight night, Links links) =>
        links.CommitOf(night) is { } url ? "<a href=\"" + Encode(url) + "\"><code>" + Encode(night.ShortSha) + "</code></a>" : "<code>" + Encode(night.ShortSha) + "</code>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

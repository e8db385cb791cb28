using System.Globalization;
using System.Net;
using System.Text;
using Bench.Reporting.History;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>
/// One self-contained HTML file: plotly.js inlined (from npm's plotly.js-dist-min, so it opens offline), the figures
/// as JSON data, and a fixed script that draws them and records in #bench-status how many drew and any script error
/// (what the headless-browser test reads). Tables carry every figure the charts show.
/// </summary>
public static class HtmlReport
{
    // The only script in the page besides plotly.js (the trend page uses it too): constant, reads the figures from JSON, reports what it drew.
    internal const string Renderer = """
        (function () {
          var status = document.getElementById('bench-status');
          var errors = [];
          function report(drawn, total) {
            status.setAttribute('data-drawn', String(drawn));
            status.setAttribute('data-errors', errors.join(' | '));
            status.textContent = drawn + ' of ' + total + ' charts drawn' + (errors.length ? ' — errors: ' + errors.join(' | ') : '');
          }
          window.addEventListener('error', function (e) { errors.push(String(e.message)); report(Number(status.getAttribute('data-drawn') || 0), -1); });
          var figures = JSON.parse(document.getElementById('bench-figures').textContent);
          var drawn = 0;
          Promise.all(figures.map(function (f) {
            return Plotly.newPlot(f.id, f.data, f.layout, { displaylogo: false, responsive: true })
              .then(function () { drawn++; })
              .catch(function (err) { errors.push(f.id + ': ' + err); });
          })).then(function () { report(drawn, figures.length); });
        })();
        """;

    public static string Render(IReadOnlyList<RunResult> runs, string plotlyJs, IReadOnlyList<HistoryEntry>? history = null, BenchmarkDotNetResults? benchmarks = null, string? comparisonHtml = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(plotlyJs);
        var sweeps = runs.SelectMany(r => Sweep.AllOf(r, runs.Count > 1 ? EnvironmentProbe.ShortSha(r.Environment) + "@" + r.StartedAt.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : null)).ToList();
        var points = sweeps.SelectMany(s => s.Points).ToList();
        var groups = ReportCharts.Groups(sweeps);
        var effects = sweeps.Select((s, i) => EffectCharts.For(s, "effect-" + i.ToString(CultureInfo.InvariantCulture)).Concat(BrokerCharts.Effects(s, "broker-effect-" + i.ToString(CultureInfo.InvariantCulture))).ToList()).ToList();
        var figures = effects.SelectMany(f => f).ToList();
        if (points.Count > 0)
        {
            figures.Add(ReportCharts.Stock(groups));
            figures.Add(ReportCharts.Percentiles(points));
            figures.Add(TimelineCharts.Throughput(points));
            figures.Add(TimelineCharts.P99(points));
            figures.AddRange(BrokerCharts.Timelines(points));
            figures.Add(ReportCharts.Cost(groups));
            if (ReportCharts.Hops(groups) is { } hops)
            {
                figures.Add(hops);
            }
        }

        if (history is not null && ReportCharts.Trend(history) is { } trend)
        {
            figures.Add(trend);
        }

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bench report</title>");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222}")
            .Append("h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2.5rem}.caption{color:#555;max-width:70rem}.chart{min-height:420px}")
            .Append("table{border-collapse:collapse;font-size:.8rem;margin-top:1rem}td,th{border:1px solid #ddd;padding:.25rem .45rem;text-align:right;vertical-align:top}")
            .Append("td:first-child,td:nth-child(2),td:nth-child(3),th{text-align:left}.warn{color:#b00}.env{color:#555;font-size:.9rem}#bench-status{color:#777;font-size:.8rem}")
            .Append(".verdict{background:#f4f7fb;border-left:4px solid #4c78a8;padding:.2rem 1rem;margin-top:1.5rem}.verdict h2{margin-top:.8rem}.verdict li{margin:.35rem 0;line-height:1.4}.key{color:#777;font-size:.7rem}")
            .Append("td.n{white-space:nowrap}td.why{text-align:left;max-width:28rem}td.key{min-width:26rem;text-align:left}td.v{white-space:nowrap}.wide{overflow-x:auto}</style>");
        // Inlined, so the page works from a file with no network. "</script" cannot occur inside it (checked on load).
        html.Append("<script>").Append(plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script></head><body>");
        html.Append("<h1>Bench report</h1>");
        foreach (var run in runs)
        {
            var e = run.Environment;
            html.Append("<p class=\"env\">Run <b>").Append(Encode(run.RunId)).Append("</b>").Append(run.Incomplete ? " <span class=\"warn\">(incomplete: " + Encode(run.StopReason ?? "?") + ")</span>" : string.Empty)
                .Append(" · <code>").Append(Encode(run.Command)).Append("</code> · ").Append(Encode(e.CpuModel)).Append(", ").Append(e.Cores).Append(" cores · ")
                .Append(Encode(e.DotNet)).Append(" · RabbitMQ ").Append(Encode(e.BrokerVersion ?? "?")).Append(" · git ").Append(Encode(EnvironmentProbe.ShortSha(e)))
                .Append(CultureInfo.InvariantCulture, $" · peak RSS {run.PeakRssMb:0} MB</p>");
        }

        html.Append("<p id=\"bench-status\" data-expected=\"").Append(figures.Count).Append("\">charts not drawn yet (this page needs JavaScript)</p>");
        // A suite built around baselines answers "how fast, against raw and against the harness" first, then shows the
        // distributions; a sweep's answer is what its settings did.
        var lead = AppendHeadline(html, runs, figures);
        // The answer first: what each sweep's settings did, in words; then the charts and comparisons behind it.
        foreach (var sweep in sweeps.Where(s => s.HasEffects))
        {
            SweepSection.AppendVerdict(html, sweep);
        }

        Agents.AgentTable.AppendHtml(html, runs);
        ThresholdSection.AppendTo(html, runs);
        FaultSection.AppendTo(html, runs);
        RateChoiceSection.AppendTo(html, runs);
        BrokerSection.AppendTo(html, runs);
        if (comparisonHtml is not null)
        {
            html.Append("<h2>Comparison</h2>").Append(comparisonHtml);
        }

        for (var i = 0; i < sweeps.Count; i++)
        {
            AppendFigures(html, effects[i]);
            SweepSection.AppendNeighbours(html, sweeps[i]);
        }

        AppendFigures(html, figures.Skip(effects.Sum(e => e.Count)).Except(lead));
        AppendScenarioTable(html, points);
        if (benchmarks is not null)
        {
            AppendBenchmarks(html, benchmarks);
        }

        html.Append("<script type=\"application/json\" id=\"bench-figures\">").Append(PlotlyJson.Serialize(figures)).Append("</script>");
        html.Append("<script>").Append(Renderer).Append("</script></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// For one run of a baseline suite (default, quick): the headline table, then the distribution chart and the
    /// percentile curves. Returns the figures it placed (none for any other report, which keeps its layout).
    /// </summary>
    private static List<Figure> AppendHeadline(StringBuilder html, IReadOnlyList<RunResult> runs, List<Figure> figures)
    {
        if (runs.Count != 1 || !AskedSettings.IsBaselineSuite(runs[0]) || Headline.Of(runs[0]) is not { } headline)
        {
            return [];
        }

        HeadlineSection.AppendTo(html, headline);
        var lead = figures.Where(f => f.Id is "stock" or "percentiles").ToList();
        AppendFigures(html, lead);
        return lead;
    }

    private static void AppendFigures(StringBuilder html, IEnumerable<Figure> figures)
    {
        foreach (var figure in figures)
        {
            html.Append("<h2>").Append(Encode(figure.Title)).Append("</h2><p class=\"caption\">").Append(Encode(figure.Caption)).Append("</p>");
            html.Append("<div class=\"chart\" id=\"").Append(figure.Id).Append("\" style=\"min-height:").Append(figure.Layout.Height.ToString(CultureInfo.InvariantCulture)).Append("px\"></div>");
        }
    }

    private static void AppendScenarioTable(StringBuilder html, IReadOnlyList<SweepPoint> points)
    {
        var repeated = points.Any(p => p.Repetitions.Count > 1);
        html.Append("<h2>Every scenario and setting</h2><p class=\"caption\">Latency in µs of ok requests (casts: at the worker). Counts are exact: issued = ok + failed + timed out.</p>");
        html.Append("<div class=\"wide\"><table><tr><th>scenario</th><th>variant</th><th>settings</th>").Append(repeated ? "<th>rep</th>" : string.Empty).Append("<th>load</th><th>ok/s</th><th>min</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th><th>mean</th><th>stddev</th>")
            .Append("<th>issued</th><th>ok</th><th>failed</th><th>timed out</th><th>late starts</th><th>CPU µs/req client</th><th>worker</th><th>broker</th></tr>");
        foreach (var (v, s) in points.SelectMany(p => p.Repetitions.Select(r => (p, r))))
        {
            var l = SweepPoint.Primary(s);
            double Cost(string p) => s.Cost.Where(c => c.Process.StartsWith(p, StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest);
            html.Append("<tr><td>").Append(Encode(s.Id)).Append(s.Incomplete ? " <span class=\"warn\">incomplete</span>" : string.Empty).Append(s.Counts.Accounted ? string.Empty : " <span class=\"warn\">unaccounted</span>").Append(s.GeneratorLimited ? " <span class=\"warn\">generator-limited</span>" : string.Empty)
                .Append("</td><td class=\"v\">").Append(Encode(v.ShortLabel)).Append("</td><td class=\"key\">").Append(Encode(string.Join(' ', s.Settings.Select(kv => kv.Key + "=" + kv.Value)))).Append("</td>")
                .Append(repeated ? "<td>" + s.Repetition.ToString(CultureInfo.InvariantCulture) + "</td>" : string.Empty).Append("<td>").Append(Encode(s.Load)).Append("</td>");
            foreach (var value in new[] { s.Throughput, l.MinUs, l.P50Us, l.P90Us, l.P99Us, l.P999Us, l.P9999Us, l.MaxUs, l.MeanUs, l.StdDevUs })
            {
                html.Append("<td>").Append(value.ToString("N1", CultureInfo.InvariantCulture)).Append("</td>");
            }

            foreach (var count in new[] { s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.LateStarts })
            {
                html.Append("<td>").Append(count.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            }

            foreach (var process in new[] { "client", "worker", "broker" })
            {
                html.Append("<td>").Append(Cost(process).ToString("N1", CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>");
    }

    private static void AppendBenchmarks(StringBuilder html, BenchmarkDotNetResults benchmarks)
    {
        html.Append("<h2>Microbenchmarks (BenchmarkDotNet)</h2><p class=\"caption\">").Append(Encode(benchmarks.Title)).Append("</p>");
        html.Append("<table><tr><th>type</th><th>method</th><th>parameters</th><th>mean (ns)</th><th>stddev (ns)</th><th>allocated (B/op)</th></tr>");
        foreach (var c in benchmarks.Cases)
        {
            html.Append("<tr><td>").Append(Encode(c.Type)).Append("</td><td>").Append(Encode(c.Method)).Append("</td><td>").Append(Encode(c.Parameters)).Append("</td><td>")
                .Append(c.MeanNs.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td>").Append(c.StdDevNs.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(c.AllocatedBytes?.ToString(CultureInfo.InvariantCulture) ?? "–").Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

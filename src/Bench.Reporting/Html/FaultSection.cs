using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Html;

/// <summary>
/// What each fault did (window, time to recover, failures inside it), what happened to the workers, and the cast
/// ledger of a cast fault run: the figures the timeline marks stand for. Nothing when no scenario had any.
/// </summary>
internal static class FaultSection
{
    public static void AppendTo(StringBuilder html, IReadOnlyList<RunResult> runs)
    {
        var scenarios = runs.SelectMany(r => r.Scenarios).ToList();
        var faults = scenarios.SelectMany(s => s.Faults.Select(f => (Scenario: s, Fault: f))).ToList();
        var events = scenarios.SelectMany(s => s.WorkerEvents.Select(e => (Scenario: s, Event: e))).ToList();
        var ledgers = scenarios.Where(s => s.CastLedger is not null).ToList();
        if (faults.Count + events.Count + ledgers.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"faults\">Faults and workers</h2><p class=\"caption\">Seconds from the start of measurement, the timelines' clock. ")
            .Append("Recovered: from the end of the fault (from its start for a cluster node: clients fail over) to the first whole second at 80% or more of the ok/s before it. Down: whole seconds below 50% of it. ")
            .Append("Failed and timed out count from the fault until recovery plus the call timeout.</p>");
        if (faults.Count > 0)
        {
            html.Append("<table><tr><th>scenario</th><th>settings</th><th>fault</th><th>at s</th><th>for s</th><th>recovered after s</th><th>ok/s before</th><th>failed</th><th>timed out</th><th>blocked</th><th>down s</th><th>node hit</th><th>note</th></tr>");
            foreach (var (s, f) in faults)
            {
                Start(html, s).Append("<td><code>").Append(Encode(f.Spec)).Append("</code></td>")
                    .Append(Cell(f.AtSeconds.ToString("0.0", CultureInfo.InvariantCulture))).Append(Cell(f.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)))
                    .Append(f.RecoverySeconds is { } r ? Cell(r.ToString("0.0", CultureInfo.InvariantCulture)) : f.Unjudged is { } why ? Cell(why) : "<td class=\"warn\">not recovered</td>")
                    .Append(Cell(f.OkPerSecondBefore.ToString("N0", CultureInfo.InvariantCulture))).Append(Cell(f.FailedInWindow.ToString("N0", CultureInfo.InvariantCulture)))
                    .Append(Cell(f.TimedOutInWindow.ToString("N0", CultureInfo.InvariantCulture))).Append(Cell(f.Blocked?.ToString("N0", CultureInfo.InvariantCulture) ?? "–"))
                    .Append(Cell(f.DowntimeSeconds?.ToString("0", CultureInfo.InvariantCulture) ?? "–")).Append("<td class=\"why\">").Append(Encode(f.Node ?? "–")).Append("</td>")
                    .Append("<td class=\"why\">").Append(Encode(f.Note ?? string.Empty)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (events.Count > 0)
        {
            html.Append("<table><tr><th>scenario</th><th>settings</th><th>worker</th><th>event</th><th>at s</th><th>exit</th><th>asked for</th><th>last log lines</th></tr>");
            foreach (var (s, e) in events)
            {
                Start(html, s).Append("<td>").Append(Encode(e.Worker)).Append("</td><td").Append(e.Event == "exited" && !e.Expected ? " class=\"warn\">" : ">").Append(Encode(e.Event)).Append("</td>")
                    .Append(Cell(e.AtSeconds.ToString("0.0", CultureInfo.InvariantCulture))).Append("<td class=\"why\">").Append(Encode(e.Exit ?? string.Empty)).Append("</td>")
                    .Append(Cell(e.Expected ? "yes" : "no")).Append("<td class=\"why\"><pre>").Append(Encode(e.LastLog ?? string.Empty)).Append("</pre></td></tr>");
            }

            html.Append("</table>");
        }

        if (ledgers.Count > 0)
        {
            html.Append("<table><tr><th>scenario</th><th>settings</th><th>casts sent</th><th>received unique</th><th>redelivered</th><th>duplicates</th><th>lost</th></tr>");
            foreach (var s in ledgers)
            {
                var l = s.CastLedger!;
                Start(html, s);
                foreach (var count in new[] { l.Sent, l.ReceivedUnique, l.Redelivered, l.Duplicates })
                {
                    html.Append(Cell(count.ToString("N0", CultureInfo.InvariantCulture)));
                }

                html.Append(l.Lost > 0 ? "<td class=\"warn\">" : "<td>").Append(l.Lost.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>");
            }

            html.Append("</table>");
        }
    }

    private static StringBuilder Start(StringBuilder html, ScenarioRecord s) =>
        html.Append("<tr><td>").Append(Encode(s.Id)).Append(s.Repetition > 1 ? " #" + s.Repetition.ToString(CultureInfo.InvariantCulture) : string.Empty)
            .Append("</td><td class=\"key\">").Append(Encode(string.Join(' ', s.Settings.Select(kv => kv.Key + "=" + kv.Value)))).Append("</td>");

    private static string Cell(string text) => "<td>" + Encode(text) + "</td>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Agents;

/// <summary>
/// A merged run's agents, one row each, in Markdown (summary.md) and HTML (report.html): each agent's own ok/s and
/// p99 beside the merged figures, its clock offset against the coordinator, and its start skew (how far after the
/// common start its measured window really began); a missing agent is a row that says so.
/// </summary>
public static class AgentTable
{
    private const string Caption = "Each agent's own figures; the merged rows above add their histograms and counts. Start skew: when an agent's measured window began, on the coordinator's clock, after the start it was sent; the clock offset is known to ± half its round trip.";

    public static void AppendMarkdown(StringBuilder text, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Agents is not { Count: > 0 } agents)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Agents ({agents.Count(a => !a.Missing)} of {agents.Count} reported; start skew {Spread(agents)})");
        text.AppendLine();
        text.AppendLine("| agent | host | ok/s | p99 µs | issued | ok | start skew ms | clock offset ms (± rtt/2) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var a in agents)
        {
            text.AppendLine(a.Missing
                ? $"| {a.Index} | – | ⚠ missing: never reported | | | | | |"
                : string.Create(CultureInfo.InvariantCulture, $"| {a.Index} | {a.Host} | {a.Throughput:N0} | {a.P99Us:N1} | {a.Issued:N0} | {a.Ok:N0} | {Ms(a.StartSkewMs)} | {Ms(a.ClockOffsetMs)} (± {Ms(a.ClockRttMs / 2)}) |"));
        }

        text.AppendLine();
        text.AppendLine(Caption);
    }

    public static void AppendHtml(StringBuilder html, IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(runs);
        foreach (var run in runs.Where(r => r.Agents is { Count: > 0 }))
        {
            var agents = run.Agents!;
            html.Append("<h2 id=\"agents\">Agents: ").Append(agents.Count(a => !a.Missing)).Append(" of ").Append(agents.Count).Append(" reported, start skew ")
                .Append(WebUtility.HtmlEncode(Spread(agents))).Append("</h2><p class=\"caption\">").Append(WebUtility.HtmlEncode(Caption)).Append("</p>");
            html.Append("<table><tr><th>agent</th><th>host</th><th>ok/s</th><th>p99 µs</th><th>issued</th><th>ok</th><th>start skew ms</th><th>clock offset ms</th><th>± ms</th></tr>");
            foreach (var a in agents)
            {
                html.Append("<tr><td>").Append(a.Index).Append("</td>");
                if (a.Missing)
                {
                    html.Append("<td class=\"warn\" colspan=\"8\">missing: never reported (the merged run is incomplete)</td></tr>");
                    continue;
                }

                html.Append("<td>").Append(WebUtility.HtmlEncode(a.Host ?? "?")).Append("</td>");
                foreach (var cell in new[] { a.Throughput.ToString("N0", CultureInfo.InvariantCulture), a.P99Us.ToString("N1", CultureInfo.InvariantCulture), a.Issued.ToString("N0", CultureInfo.InvariantCulture),
                    a.Ok.ToString("N0", CultureInfo.InvariantCulture), Ms(a.StartSkewMs), Ms(a.ClockOffsetMs), Ms(a.ClockRttMs / 2) })
                {
                    html.Append("<td>").Append(cell).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }
    }

    /// <summary>The latest start minus the earliest, over the agents that reported one.</summary>
    public static string Spread(IReadOnlyList<AgentRecord> agents)
    {
        var skews = agents.Where(a => !a.Missing && a.StartSkewMs is not null).Select(a => a.StartSkewMs!.Value).ToList();
        return skews.Count == 0 ? "unknown" : string.Create(CultureInfo.InvariantCulture, $"{skews.Max() - skews.Min():0.00} ms");
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}

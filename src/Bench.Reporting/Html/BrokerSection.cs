using System.Globalization;
using System.Net;
using System.Text;
using Bench.Reporting.Broker;

namespace Bench.Reporting.Html;

/// <summary>The broker's view per variant: the bottleneck in words (and how it was decided), depth, utilisation, consistency.</summary>
internal static class BrokerSection
{
    public static void AppendTo(StringBuilder html, IReadOnlyList<RunResult> runs)
    {
        var variants = runs.SelectMany(r => r.Scenarios.GroupBy(s => (s.Id, s.SettingsKey)).Select(g => g.ToList())).ToList();
        if (!variants.Any(v => v.Any(r => r.Broker is not null || r.Consistency is not null)))
        {
            return;
        }

        html.Append("<h2 id=\"broker-view\">The broker's view: bottleneck and consistency</h2><p class=\"caption\">")
            .Append(Encode("How the bottleneck was decided: " + BottleneckVerdict.How + ". Consistency: Little's law (closed runs), the broker's deliveries against Bench's ok count, queue depth against outstanding requests (docs/broker-metrics.md)."))
            .Append("</p><div class=\"wide\"><table><tr><th>scenario</th><th>settings</th><th>bottleneck</th><th>mean · max ready</th><th>mean unacked</th><th>utilisation</th><th>consistency</th></tr>");
        foreach (var reps in variants)
        {
            var s = reps[0];
            var summary = BrokerVariant.Summary(reps);
            var inconsistent = BrokerVariant.Inconsistent(reps);
            var checks = string.Join("; ", reps.Where(r => r.Consistency is not null).SelectMany(r => r.Consistency!.Checks)
                .GroupBy(c => c.Name).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Max(c => Math.Abs(c.Residual)):0.#%} (≤ {g.First().Tolerance:0.#%})")));
            html.Append("<tr><td>").Append(Encode(s.Id)).Append("</td><td class=\"key\">").Append(Encode(string.Join(' ', s.Settings.Select(kv => kv.Key + "=" + kv.Value))))
                .Append("</td><td class=\"why\">").Append(Encode(BrokerVariant.Bottleneck(reps).Words))
                .Append("</td><td class=\"n\">").Append(summary is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{summary.MeanReady:0.##} · {summary.MaxReady:0}"))
                .Append("</td><td class=\"n\">").Append(summary is null ? "–" : summary.MeanUnacked.ToString("0.#", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(summary?.MeanUtilisation is { } u ? u.ToString("0%", CultureInfo.InvariantCulture) : "–")
                .Append("</td><td class=\"why").Append(inconsistent ? " warn\">⚠ inconsistent: " : "\">").Append(Encode(checks.Length > 0 ? checks : "–")).Append("</td></tr>");
        }

        html.Append("</table></div>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Comparison;

/// <summary>
/// Compares two sets of measurements (two runs, two recorded revisions, or two variants of one run) matched by
/// scenario id + settings. Verdict per match: slower when throughput fell or p50 rose by more than the threshold and
/// the noise floor with a significant Mann–Whitney test on the per-second samples; faster for the opposite; else same.
/// Measurements without per-second samples (casts, measured at the worker) need twice the threshold instead.
/// </summary>
public static class ResultComparer
{
    public static ComparisonResult Compare(string baseName, IReadOnlyList<Measurement> baseSet, string diffName, IReadOnlyList<Measurement> diffSet, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseSet);
        ArgumentNullException.ThrowIfNull(diffSet);
        options ??= new ComparisonOptions();
        string Key(Measurement m) => MatchKey(m, options.IgnoredSettings);
        var diffByKey = diffSet.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<ScenarioComparison>();
        foreach (var b in baseSet.GroupBy(Key).Select(g => g.First()))
        {
            if (diffByKey.TryGetValue(Key(b), out var d))
            {
                rows.Add(CompareOne(b, d, options));
            }
        }

        var baseKeys = baseSet.Select(Key).ToHashSet();
        return new ComparisonResult(baseName, diffName, rows,
            [.. baseSet.Where(m => !diffByKey.ContainsKey(Key(m))).Select(m => m.Label).Distinct()],
            [.. diffSet.Where(m => !baseKeys.Contains(Key(m))).Select(m => m.Label).Distinct()]);
    }

    /// <summary>Id + settings key, without the ignored settings.</summary>
    public static string MatchKey(Measurement measurement, IReadOnlySet<string> ignored)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(ignored);
        return ignored.Count == 0 ? measurement.Key
            : measurement.Id + "|" + string.Join(';', measurement.SettingsKey.Split(';').Where(kv => !ignored.Contains(kv.Split('=')[0])));
    }

    public static ScenarioComparison CompareOne(Measurement b, Measurement d, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(options);
        var samples = b.ThroughputPerSecond.Count >= 3 && d.ThroughputPerSecond.Count >= 3;
        var threshold = samples ? options.Threshold : options.Threshold * 2;
        double? throughputP = samples ? MannWhitney.PValue(b.ThroughputPerSecond, d.ThroughputPerSecond) : null;
        double? p50P = samples && b.PerSecondSamplesAreLatency ? MannWhitney.PValue(b.P50PerSecond, d.P50PerSecond) : null;
        bool Significant(double? p) => p is null || p < options.Alpha;

        var throughputChange = ScenarioComparison.Change(b.Throughput, d.Throughput);
        var throughputMatters = Math.Abs(d.Throughput - b.Throughput) > options.ThroughputNoise && Math.Abs(throughputChange) > threshold && Significant(throughputP);
        var latencyChange = ScenarioComparison.Change(b.P50Us, d.P50Us);
        var latencyMatters = Math.Abs(d.P50Us - b.P50Us) > options.LatencyNoiseUs && Math.Abs(latencyChange) > threshold && Significant(p50P);

        var reasons = new List<string>();
        var slower = false;
        var faster = false;
        if (throughputMatters)
        {
            (throughputChange < 0 ? ref slower : ref faster) = true;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"throughput {throughputChange:+0.0%;-0.0%}{P(throughputP)}"));
        }

        if (latencyMatters)
        {
            (latencyChange > 0 ? ref slower : ref faster) = true;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"p50 {latencyChange:+0.0%;-0.0%}{P(p50P)}"));
        }

        var verdict = slower ? Verdict.Slower : faster ? Verdict.Faster : Verdict.Same;
        if (reasons.Count == 0)
        {
            // Say which condition kept a visible change from counting: the threshold, the noise floor, or the test.
            foreach (var (name, change, absolute, floor, p) in new[]
            {
                ("throughput", throughputChange, Math.Abs(d.Throughput - b.Throughput), options.ThroughputNoise, throughputP),
                ("p50", latencyChange, Math.Abs(d.P50Us - b.P50Us), options.LatencyNoiseUs, p50P),
            })
            {
                if (Math.Abs(change) > threshold && absolute > floor && !Significant(p))
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%} not significant{P(p)}"));
                }
            }
        }

        var reason = reasons.Count > 0 ? string.Join(", ", reasons)
            : string.Create(CultureInfo.InvariantCulture, $"within {threshold:0%} / noise floor{(samples ? string.Empty : " (no per-second samples: threshold only)")}");
        return new ScenarioComparison(b.Key, b.Label, verdict, reason, b.Throughput, d.Throughput, throughputP, b.P50Us, d.P50Us, p50P, b.P99Us, d.P99Us, b.P999Us, d.P999Us);
    }

    /// <summary>BenchmarkDotNet results, matched by full name, tested on their per-iteration samples (lower is better).</summary>
    public static ComparisonResult CompareBenchmarks(string baseName, BenchmarkDotNetResults baseResults, string diffName, BenchmarkDotNetResults diffResults, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseResults);
        ArgumentNullException.ThrowIfNull(diffResults);
        options ??= new ComparisonOptions();
        var rows = new List<ScenarioComparison>();
        var diffByName = diffResults.Cases.GroupBy(c => c.FullName).ToDictionary(g => g.Key, g => g.First());
        foreach (var b in baseResults.Cases)
        {
            if (!diffByName.TryGetValue(b.FullName, out var d))
            {
                continue;
            }

            // With fewer than 5 iterations a side (a ShortRun has 3) no rank test can reach p < 0.05: twice the threshold instead.
            var tested = b.SamplesNs.Count >= 5 && d.SamplesNs.Count >= 5;
            double? p = tested ? MannWhitney.PValue(b.SamplesNs, d.SamplesNs) : null;
            var threshold = tested ? options.Threshold : options.Threshold * 2;
            var change = ScenarioComparison.Change(b.MeanNs, d.MeanNs);
            var matters = Math.Abs(d.MeanNs - b.MeanNs) > options.BenchmarkNoiseNs && Math.Abs(change) > threshold && (p is null || p < options.Alpha);
            var verdict = !matters ? Verdict.Same : change > 0 ? Verdict.Slower : Verdict.Faster;
            var reason = matters ? string.Create(CultureInfo.InvariantCulture, $"mean {change:+0.0%;-0.0%}{P(p)}{(tested ? string.Empty : " (few iterations: threshold only)")}")
                : string.Create(CultureInfo.InvariantCulture, $"mean {change:+0.0%;-0.0%}: within {threshold:0%} / noise floor{(p is { } pv && pv >= options.Alpha ? ", " + P(p)[2..] : string.Empty)}");
            rows.Add(new ScenarioComparison(b.FullName, b.Type + "." + b.Method + (b.Parameters.Length > 0 ? " [" + b.Parameters + "]" : string.Empty), verdict, reason,
                0, 0, null, b.MeanNs / 1000, d.MeanNs / 1000, p, 0, 0, 0, 0));
        }

        var baseNames = baseResults.Cases.Select(c => c.FullName).ToHashSet();
        return new ComparisonResult(baseName, diffName, rows,
            [.. baseResults.Cases.Where(c => !diffByName.ContainsKey(c.FullName)).Select(c => c.FullName)],
            [.. diffResults.Cases.Where(c => !baseNames.Contains(c.FullName)).Select(c => c.FullName)]) { Benchmarks = true };
    }

    public static string ToMarkdown(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var regressions = result.Rows.Count(r => r.Verdict == Verdict.Slower);
        text.AppendLine(CultureInfo.InvariantCulture, $"## Bench compare: {result.DiffName} against {result.BaseName}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{(regressions > 0 ? $"{regressions} regression(s)" : "no regression")}** · {result.Rows.Count(r => r.Verdict == Verdict.Faster)} faster · {result.Rows.Count(r => r.Verdict == Verdict.Same)} same");
        text.AppendLine();
        text.AppendLine(result.Benchmarks ? "| verdict | benchmark | mean ns base → diff | why |" : "| verdict | measurement | ok/s base → diff | p50 µs base → diff | p99 µs | p99.9 µs | why |");
        text.AppendLine(result.Benchmarks ? "|---|---|---:|---|" : "|---|---|---:|---:|---:|---:|---|");
        foreach (var r in result.Rows.OrderByDescending(r => r.Verdict == Verdict.Slower).ThenBy(r => r.Label, StringComparer.Ordinal))
        {
            var mark = r.Verdict switch { Verdict.Slower => "🔴 slower", Verdict.Faster => "🟢 faster", _ => "same" };
            if (result.Benchmarks)
            {
                // BenchmarkDotNet rows carry the mean in the p50 fields, in µs; shown in ns.
                text.AppendLine(CultureInfo.InvariantCulture, $"| {mark} | `{r.Label}` | {r.BaseP50Us * 1000:N1} → {r.DiffP50Us * 1000:N1} | {r.Reason} |");
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {mark} | `{r.Label}` | {r.BaseThroughput:N0} → {r.DiffThroughput:N0} ({ScenarioComparison.Change(r.BaseThroughput, r.DiffThroughput):+0.0%;-0.0%}) | {r.BaseP50Us:N1} → {r.DiffP50Us:N1} ({ScenarioComparison.Change(r.BaseP50Us, r.DiffP50Us):+0.0%;-0.0%}) | {r.BaseP99Us:N1} → {r.DiffP99Us:N1} | {r.BaseP999Us:N1} → {r.DiffP999Us:N1} | {r.Reason} |");
        }

        foreach (var (side, labels) in new[] { ("only in base", result.OnlyInBase), ("only in diff", result.OnlyInDiff) })
        {
            if (labels.Count > 0)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"{side} (not compared): {string.Join(", ", labels.Select(l => "`" + l + "`"))}");
            }
        }

        return text.ToString();
    }

    public static string ToHtml(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<p>").Append(WebUtility.HtmlEncode(result.DiffName)).Append(" against ").Append(WebUtility.HtmlEncode(result.BaseName)).Append("</p>");
        html.Append("<table><tr><th>verdict</th><th>measurement</th><th>ok/s base</th><th>ok/s diff</th><th>p50 base</th><th>p50 diff</th><th>p99 base</th><th>p99 diff</th><th>why</th></tr>");
        foreach (var r in result.Rows)
        {
            html.Append("<tr><td").Append(r.Verdict == Verdict.Slower ? " class=\"warn\"" : string.Empty).Append('>').Append(r.Verdict.ToString().ToLowerInvariant()).Append("</td><td>")
                .Append(WebUtility.HtmlEncode(r.Label)).Append("</td>");
            foreach (var v in new[] { r.BaseThroughput, r.DiffThroughput, r.BaseP50Us, r.DiffP50Us, r.BaseP99Us, r.DiffP99Us })
            {
                html.Append("<td>").Append(v.ToString("N1", CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td>").Append(WebUtility.HtmlEncode(r.Reason)).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string P(double? p) => p is { } v ? string.Create(CultureInfo.InvariantCulture, $", p={v:0.0000}") : string.Empty;
}

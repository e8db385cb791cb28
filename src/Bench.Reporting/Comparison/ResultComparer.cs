using System.Globalization;
using System.Net;
using System.Text;

namespace Bench.Reporting.Comparison;

/// <summary>
/// Compares two sets of measurements (two runs, two recorded revisions, or two variants of one run) matched by
/// scenario id + settings. A metric (throughput, p50, p99, and p99.9 with enough samples) counts when the repetitions
/// differ significantly (<see cref="RepetitionTest"/>), beyond the relative threshold and beyond a floor that is
/// absolute for large values and relative for small ones. A significant rise in the error rate is a regression. An
/// incomplete, unaccounted or generator-limited side is invalid, never "same" or "faster"; a "same" says the smallest change it could have seen.
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
        var row = new ScenarioComparison(b.Key, b.Label, Verdict.Same, string.Empty, b.Throughput, d.Throughput, null, b.P50Us, d.P50Us, null, b.P99Us, d.P99Us, b.P999Us, d.P999Us)
        {
            BaseErrorRate = b.ErrorRate,
            DiffErrorRate = d.ErrorRate,
            BaseRepetitions = b.Repetitions.Count,
            DiffRepetitions = d.Repetitions.Count,
        };

        // Figures from an interrupted run, or one whose requests do not add up, are not measurements: never "same".
        var invalid = new List<string>();
        foreach (var (side, m) in new[] { ("base", b), ("diff", d) })
        {
            if (m.Incomplete)
            {
                invalid.Add(side + " is incomplete");
            }

            if (!m.Accounted)
            {
                invalid.Add(side + "'s accounting does not hold");
            }

            if (m.GeneratorLimited)
            {
                invalid.Add(side + " is generator-limited (late starts above --max-late: its latency is the load generator's)");
            }
        }

        if (invalid.Count > 0)
        {
            return row with { Verdict = Verdict.Invalid, Reason = string.Join(", ", invalid) + ": not judged" };
        }

        var metrics = new List<(string Name, bool HigherIsBetter, Func<RepetitionFigures, double> Figure, double Floor)>
        {
            ("throughput", true, r => r.Throughput, options.ThroughputNoise),
        };
        if (b.LatencyJudged && d.LatencyJudged)
        {
            metrics.Add(("p50", false, r => r.P50Us, options.LatencyNoiseUs));
            metrics.Add(("p99", false, r => r.P99Us, options.LatencyNoiseUs));
            if (b.Repetitions.Concat(d.Repetitions).All(r => r.Ok >= options.MinOkForP999))
            {
                metrics.Add(("p99.9", false, r => r.P999Us, options.LatencyNoiseUs));
            }
        }

        // One run a side cannot be tested on its own; with this machine's measured noise (bench calibrate) it can.
        var noise = b.Repetitions.Count == 1 && d.Repetitions.Count == 1 ? options.Noise?.Find(b.Key) ?? options.Noise?.Find(d.Key) : null;
        var worse = new List<string>();
        var better = new List<string>();
        var unseen = new List<string>();
        var tested = false;
        var largestUntested = 0.0;
        (string Metric, double Mde, double Se)? weakest = null;
        foreach (var (name, higherIsBetter, figure, floor) in metrics)
        {
            var (baseMedian, diffMedian) = (b.Median(figure), d.Median(figure));
            var outcome = RepetitionTest.Compare([.. b.Repetitions.Select(figure)], [.. d.Repetitions.Select(figure)], options.Alpha);
            var change = ScenarioComparison.Change(baseMedian, diffMedian);

            // The absolute floor keeps sub-microsecond wobble quiet, but it must not swallow real changes of small
            // values: it never asks for more than half the relative threshold.
            var effectiveFloor = Math.Min(floor, options.Threshold / 2 * Math.Abs(baseMedian));
            var beyondFloor = Math.Abs(diffMedian - baseMedian) > effectiveFloor;
            bool counts;
            string why;
            if (outcome.P is { } p)
            {
                tested = true;
                counts = p < options.Alpha && Math.Abs(change) > options.Threshold && beyondFloor;
                why = string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%} (p={p:0.0000})");
                if (outcome.MinDetectableChange is { } mde && (weakest is null || mde > weakest.Value.Mde))
                {
                    weakest = (name, mde, outcome.StandardError!.Value);
                }

                if (!counts && Math.Abs(change) > options.Threshold && beyondFloor)
                {
                    unseen.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%} not significant (p={p:0.0000})"));
                }
            }
            else if (noise is not null && noise.Of(name) > 0 && baseMedian > 0 && diffMedian > 0)
            {
                // The log-ratio of two single runs spreads by √2·σ, σ estimated from the calibration's repetitions.
                // Several figures are judged at once: Bonferroni keeps identical pairs from failing more than alpha.
                tested = true;
                var se = noise.Of(name) * Math.Sqrt(2);
                var alpha = options.Alpha / metrics.Count;
                var pNoise = StudentT.TwoSidedP(Math.Log(diffMedian / baseMedian) / se, noise.Repetitions - 1);
                counts = pNoise < alpha && Math.Abs(change) > options.Threshold && beyondFloor;
                why = string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%} (p={pNoise:0.0000} against calibrated noise σ {noise.Of(name):0.0%} over {noise.Repetitions} runs)");
                var mde = RepetitionTest.MinDetectable(se, noise.Repetitions - 1, alpha);
                if (weakest is null || mde > weakest.Value.Mde)
                {
                    weakest = (name, mde, se);
                }

                if (!counts && Math.Abs(change) > options.Threshold && beyondFloor)
                {
                    unseen.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%} within calibrated noise (p={pNoise:0.0000})"));
                }
            }
            else
            {
                // One repetition a side: run-to-run noise is unknown. A change far beyond the threshold is shown with its
                // direction, but untested: it never fails a comparison (see ScenarioComparison.Untested).
                counts = Math.Abs(change) > options.Threshold * options.UntestedFactor && beyondFloor;
                why = string.Create(CultureInfo.InvariantCulture, $"{name} {change:+0.0%;-0.0%}");
                if (baseMedian > 0 && diffMedian > 0)
                {
                    largestUntested = Math.Max(largestUntested, Math.Abs(Math.Log(diffMedian / baseMedian)));
                }
            }

            if (counts)
            {
                ((change < 0) == higherIsBetter ? worse : better).Add(why);
            }

            row = name switch
            {
                "throughput" => row with { ThroughputP = outcome.P },
                "p50" => row with { P50P = outcome.P },
                _ => row,
            };
        }

        var riseP = ErrorRateTest.RiseP(b.Errors, b.Issued, d.Errors, d.Issued);
        if (riseP < options.Alpha && d.ErrorRate - b.ErrorRate > options.ErrorRateFloor)
        {
            worse.Add(string.Create(CultureInfo.InvariantCulture, $"errors {b.ErrorRate:0.00%} → {d.ErrorRate:0.00%} (p={riseP:0.0000})"));
        }

        var verdict = worse.Count > 0 ? Verdict.Slower : better.Count > 0 ? Verdict.Faster : Verdict.Same;
        string reason;
        if (verdict != Verdict.Same)
        {
            reason = string.Join(", ", worse.Concat(better));
            if (!tested)
            {
                // A change this large is a candidate effect, not a noise estimate: the fewest repetitions that test it.
                reason += " (one repetition a side: untested, not a failure; at least 3 repetitions a side (--repeat 3) test it, or `bench calibrate` measures this machine's noise for --noise FILE)";
                row = row with { Untested = true, SuggestedRepetitions = 3 };
            }
        }
        else if (!tested)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"within {options.Threshold * options.UntestedFactor:0%}: one repetition a side cannot tell a change from run-to-run noise; {RepetitionsToTest(largestUntested, options)}");
            row = row with { Untested = true, SuggestedRepetitions = RepetitionTest.RepetitionsFor(options.Threshold, largestUntested, 1, 1, options.Alpha) };
        }
        else if (weakest is { } w && w.Mde > options.Threshold)
        {
            var suggest = RepetitionTest.RepetitionsFor(options.Threshold, w.Se, b.Repetitions.Count, d.Repetitions.Count, options.Alpha);
            reason = string.Create(CultureInfo.InvariantCulture,
                $"inconclusive: a change under {w.Mde:0%} in {w.Metric} could have gone unseen{(suggest is { } n ? $"; about {n} repetitions a side would see {options.Threshold:0%}" : string.Empty)}");
            row = row with { MinDetectableChange = w.Mde, SuggestedRepetitions = suggest };
        }
        else
        {
            reason = weakest is { } seen
                ? string.Create(CultureInfo.InvariantCulture, $"same: no change ≥ {seen.Mde:0%} in {seen.Metric} would have gone unseen")
                : "same";
            row = row with { MinDetectableChange = weakest?.Mde };
        }

        if (verdict == Verdict.Same && unseen.Count > 0)
        {
            reason += " (" + string.Join(", ", unseen) + ")";
        }

        return row with { Verdict = verdict, Reason = reason };
    }

    /// <summary>
    /// How many repetitions a side would test a change of the threshold, if the largest difference seen between the
    /// two single runs were run-to-run noise (its log-ratio stands for √2·σ: a planning figure from one pair).
    /// </summary>
    private static string RepetitionsToTest(double largestLogChange, ComparisonOptions options)
    {
        var n = RepetitionTest.RepetitionsFor(options.Threshold, largestLogChange, 1, 1, options.Alpha);
        var how = n is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"if the largest difference ({Math.Exp(largestLogChange) - 1:0.0%}) is run-to-run noise, about {Math.Max(3, count)} repetitions a side (--repeat {Math.Max(3, count)}) would test a {options.Threshold:0%} change")
            : string.Create(CultureInfo.InvariantCulture, $"if the largest difference ({Math.Exp(largestLogChange) - 1:0.0%}) is run-to-run noise, even 1,000 repetitions a side would not test a {options.Threshold:0%} change");
        return how + "; or `bench calibrate` measures this machine's noise for --noise FILE";
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
        var regressions = result.Rows.Count(r => r.Verdict == Verdict.Slower && !r.Untested);
        var untested = result.Rows.Count(r => r.Verdict is Verdict.Slower or Verdict.Faster && r.Untested);
        text.AppendLine(CultureInfo.InvariantCulture, $"## Bench compare: {result.DiffName} against {result.BaseName}");
        text.AppendLine();
        var invalid = result.Rows.Count(r => r.Verdict == Verdict.Invalid);
        text.AppendLine(CultureInfo.InvariantCulture, $"**{(regressions > 0 ? $"{regressions} regression(s)" : "no regression")}**{(invalid > 0 ? $" · **{invalid} invalid** (incomplete, unaccounted or generator-limited: not judged)" : string.Empty)}{(untested > 0 ? $" · {untested} untested difference(s) (one run a side: not a failure)" : string.Empty)} · {result.Rows.Count(r => r.Verdict == Verdict.Faster && !r.Untested)} faster · {result.Rows.Count(r => r.Verdict == Verdict.Same)} same");
        text.AppendLine();
        text.AppendLine(result.Benchmarks ? "| verdict | benchmark | mean ns base → diff | why |" : "| verdict | measurement | ok/s base → diff | p50 µs base → diff | p99 µs | p99.9 µs | why |");
        text.AppendLine(result.Benchmarks ? "|---|---|---:|---|" : "|---|---|---:|---:|---:|---:|---|");
        foreach (var r in result.Rows.OrderByDescending(r => (r.Verdict is Verdict.Slower && !r.Untested) || r.Verdict is Verdict.Invalid).ThenBy(r => r.Label, StringComparer.Ordinal))
        {
            var mark = r.Verdict switch
            {
                Verdict.Slower when r.Untested => "🟡 untested: slower?",
                Verdict.Faster when r.Untested => "🟡 untested: faster?",
                Verdict.Slower => "🔴 slower",
                Verdict.Faster => "🟢 faster",
                Verdict.Invalid => "⚠️ invalid",
                _ => "same",
            };
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
            html.Append("<tr><td").Append(r.Verdict == Verdict.Slower && !r.Untested ? " class=\"warn\"" : string.Empty).Append('>').Append(r.Untested && r.Verdict != Verdict.Same ? "untested " : string.Empty).Append(r.Verdict.ToString().ToLowerInvariant()).Append("</td><td>")
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

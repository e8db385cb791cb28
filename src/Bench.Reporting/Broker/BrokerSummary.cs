using System.Globalization;
using System.Text;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Broker;

/// <summary>
/// The broker's view in summary.md: one row per variant (repetitions combined by <see cref="BrokerVariant"/>) with the
/// bottleneck in words, depth, utilisation, the consistency verdict and what sampling cost; and for a sweep the
/// sentence explaining its winner.
/// </summary>
public static class BrokerSummary
{
    public static string ToMarkdown(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var variants = run.Scenarios.GroupBy(s => (s.Id, s.SettingsKey)).Select(g => g.ToList()).ToList();
        if (!variants.Any(v => v.Any(r => r.Broker is not null || r.Consistency is not null)))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine("### The broker's view");
        text.AppendLine();
        text.AppendLine("| scenario | settings | bottleneck | mean · max ready | mean unacked | consumer utilisation | consistency | sampler CPU ms · KB read |");
        text.AppendLine("|---|---|---|---:|---:|---:|---|---:|");
        foreach (var reps in variants)
        {
            var s = reps[0];
            var summary = BrokerVariant.Summary(reps);
            var consistency = BrokerVariant.Inconsistent(reps) ? "⚠ inconsistent" : reps.Any(r => r.Consistency is not null) ? "consistent" : "–";
            var cpu = reps.Sum(r => r.Broker?.Sampler.CpuSeconds ?? 0) * 1000;
            var kb = reps.Sum(r => r.Broker?.Sampler.BytesRead ?? 0) / 1024.0;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{s.Id}` | {string.Join(' ', s.Settings.Select(kv => kv.Key + "=" + kv.Value))} | {BrokerVariant.Bottleneck(reps).Words} | {(summary is null ? "–" : $"{summary.MeanReady:0.##} · {summary.MaxReady:0}")} | {(summary is null ? "–" : $"{summary.MeanUnacked:0.#}")} | {(summary?.MeanUtilisation is { } u ? u.ToString("0%", CultureInfo.InvariantCulture) : "–")} | {consistency} | {(s.Broker is null ? "–" : $"{cpu:0.#} · {kb:N0}")} |");
        }

        text.AppendLine();
        text.AppendLine("Bottleneck rule: " + BottleneckVerdict.How + ". Consumer utilisation is RabbitMQ's: the share of time the queue could hand a message to a consumer at once. Consistency: Little's law (closed runs), the broker's delivered count against Bench's ok count, and queue depth against outstanding requests, each within its stated tolerance (docs/broker-metrics.md).");
        var residuals = run.Scenarios.Where(r => r.Consistency is not null).SelectMany(r => r.Consistency!.Checks.Select(c => (r, c))).ToList();
        if (residuals.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Consistency residuals (measured / expected − 1): " + string.Join("; ", residuals.GroupBy(x => x.c.Name).Select(g =>
                string.Create(CultureInfo.InvariantCulture, $"{g.Key} median {Median(g.Select(x => x.c.Residual)):+0.0%;-0.0%}, worst {g.MaxBy(x => Math.Abs(x.c.Residual)).c.Residual:+0.0%;-0.0%} over {g.Count()} run(s), {g.Count(x => !x.c.Passed)} beyond tolerance"))) + ".");
        }

        return text.ToString();
    }

    /// <summary>"Why: …" for a sweep's verdict box: the winner's bottleneck, and the slowest variant's, in words.</summary>
    public static IEnumerable<string> WhySentences(Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Points.Count < 2 || sweep.Points.All(p => p.Repetitions.All(r => r.Broker is null)))
        {
            yield break;
        }

        var best = sweep.Points.MaxBy(p => p.Throughput.Median)!;
        var worst = sweep.Points.MinBy(p => p.Throughput.Median)!;
        yield return $"Why {best.ShortLabel} won: {BrokerVariant.Bottleneck(best.Repetitions).Words}; at {worst.ShortLabel} (fewest ok/s): {BrokerVariant.Bottleneck(worst.Repetitions).Words}.";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

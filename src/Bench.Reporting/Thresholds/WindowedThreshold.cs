using System.Globalization;
using Bench.Load;

namespace Bench.Reporting.Thresholds;

/// <summary>
/// A threshold over windows (`errors&lt;1% over 10s`, `p99&lt;50ms over 5s`): checked on every window of that many
/// consecutive whole seconds of the measured timeline, sliding by one second (the warm-up is its own phase and never in
/// the timeline; the drain and the cut last second are left out), so a collapse at the end of a run cannot hide in the
/// whole run's figure. The record gives the worst window's value and where it was. Latency percentiles merge the
/// seconds' histograms exactly (kept by the engine when a windowed latency threshold is asked for); a window in which
/// nothing was measured is skipped, and a threshold with no window measured fails as "n/a".
/// </summary>
internal static class WindowedThreshold
{
    public static ThresholdRecord Evaluate(Threshold threshold, ScenarioRecord scenario, int window)
    {
        var seconds = scenario.Timeline.Where(p => !p.Drain && !p.Partial).OrderBy(p => p.Second).ToList();
        if (seconds.Count < window)
        {
            return threshold.NotAvailable($"the measured window has {seconds.Count} whole second(s), fewer than one {window} s window");
        }

        if (threshold.IsLatency && scenario.OneWay is not null)
        {
            return threshold.NotAvailable("this scenario's latency is one-way at the workers, which is not kept per second; windowed latency thresholds judge calls");
        }

        if (threshold.Metric == ThresholdMetric.Percentile && seconds.Any(p => p.Ok > 0 && p.Buckets.Count == 0))
        {
            return threshold.NotAvailable("these results kept no per-second histograms (results written before timeline[].buckets was recorded)");
        }

        (double Value, string Text, int Start)? worst = null;
        var (judged, breached) = (0, 0);
        var merged = new long[LatencyHistogram.BucketCount];
        for (var start = 0; start + window <= seconds.Count; start++)
        {
            if (Measure(threshold, seconds.GetRange(start, window), merged) is not { } measured)
            {
                continue;
            }

            judged++;
            breached += threshold.Passes(measured.Value) ? 0 : 1;
            if (worst is null || Worse(threshold, measured.Value, worst.Value.Value))
            {
                worst = (measured.Value, measured.Text, start);
            }
        }

        if (worst is not { } w)
        {
            return threshold.NotAvailable($"no {window} s window had {(threshold.IsLatency ? "a request completed ok" : "a request completed")}");
        }

        var (from, to) = (seconds[w.Start].Second, seconds[w.Start + window - 1].Second + 1);
        return new ThresholdRecord(threshold.Expression, threshold.MetricName, w.Text, breached == 0)
        {
            Window = string.Create(CultureInfo.InvariantCulture, $"worst {window} s window: {from}–{to} s of the measured window; {breached} of {judged} windows breached"),
        };
    }

    private static (double Value, string Text)? Measure(Threshold threshold, List<TimelineRecord> seconds, long[] merged)
    {
        switch (threshold.Metric)
        {
            case ThresholdMetric.Errors:
                var errors = seconds.Sum(p => p.Failed + p.TimedOut);
                var completed = errors + seconds.Sum(p => p.Ok);
                return completed == 0 ? null : ((double)errors / completed, ThresholdText.Fraction((double)errors / completed, errors, completed));
            case ThresholdMetric.Throughput:
                var rate = seconds.Sum(p => p.Ok) / seconds.Sum(p => p.Seconds);
                return (rate, ThresholdText.Rate(rate));
            case ThresholdMetric.Max:
                var max = seconds.Max(p => p.MaxUs) * 1000;
                return seconds.All(p => p.Ok == 0) ? null : (max, ThresholdText.Latency(max));
            default:
                Array.Clear(merged);
                long count = 0;
                foreach (var bucket in seconds.SelectMany(p => p.Buckets))
                {
                    merged[bucket.Index] += bucket.Count;
                    count += bucket.Count;
                }

                if (count == 0)
                {
                    return null;
                }

                // The same rank and bucket value LatencyHistogram.ValueAtPercentile reports, capped by the window's exact max.
                var rank = LatencyHistogram.Rank(threshold.Percentile, count);
                long seen = 0;
                var index2 = 0;
                while ((seen += merged[index2]) < rank)
                {
                    index2++;
                }

                var value = Math.Min(LatencyHistogram.HighestEquivalentValue(index2), seconds.Max(p => p.MaxUs) * 1000);
                return (value, ThresholdText.Latency(value));
        }
    }

    private static bool Worse(Threshold threshold, double value, double than) =>
        threshold.Operator is ThresholdOperator.Less or ThresholdOperator.LessOrEqual ? value > than : value < than;
}

using System.Globalization;
using System.Text;
using Bench.Load;

namespace Bench.Reporting.Exports;

/// <summary>
/// One scenario run as an HdrHistogram interval log (format 1.3, what Java's HistogramLogWriter writes and
/// HistogramLogReader, hdr-histogram-js and HistogramLogAnalyzer read): a header naming the scenario, its settings and
/// what the values are (nanoseconds of ok requests), then one tagged line per second of the timeline with that
/// second's histogram, V2 compressed and base64-encoded. UTF-8 without a byte-order mark.
/// </summary>
public static class HdrLogWriter
{
    /// <summary>HdrHistogram's convention: values are ns and the max column is in ms.</summary>
    private const double MaxValueUnitRatio = 1e6;

    public static string Render(ScenarioRecord scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var start = scenario.StartedAt.ToUnixTimeMilliseconds() / 1000.0;
        var text = new StringBuilder();
        text.Append("#[Bench scenario ").Append(scenario.Id).Append(", repetition ").Append(scenario.Repetition.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(scenario.Load).Append("]\n");
        var intervals = Intervals(scenario);
        text.Append("#[Settings: ").Append(scenario.SettingsKey).Append("]\n");
        text.Append("#[Values: nanoseconds, ").Append(scenario.LatencyKind).Append(" latency of ok requests; ")
            .Append(scenario.Timeline.Any(t => t.Buckets.Count > 0) ? "one interval per second of the measured window]\n" : "one interval of the whole run (these results kept no per-second histograms)]\n");
        text.Append("#[Histogram log format version 1.3]\n");
        text.Append(F($"#[StartTime: {start:0.000} (seconds since epoch), {scenario.StartedAt.UtcDateTime:ddd MMM dd HH:mm:ss 'UTC' yyyy}]\n"));
        text.Append(F($"#[BaseTime: {start:0.000} (seconds since epoch)]\n"));
        text.Append("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
        var tag = Tag(scenario);
        foreach (var (offset, length, buckets) in intervals)
        {
            var top = -1;
            foreach (var (index, _) in buckets)
            {
                top = Math.Max(top, index);
            }

            var max = top < 0 ? 0 : LatencyHistogram.HighestEquivalentValue(top);
            text.Append("Tag=").Append(tag).Append(',').Append(F($"{offset:0.000},{length:0.000},{max / MaxValueUnitRatio:0.000},"))
                .Append(Convert.ToBase64String(HdrEncoding.Compressed(buckets))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The scenario and settings in one token: readers split a line at commas (and Java's at spaces), so those become
    /// underscores. "call.add|outstanding=64;prefetch=unlimited;…|1" (the last field the repetition).
    /// </summary>
    public static string Tag(ScenarioRecord scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var tag = scenario.Id + "|" + scenario.SettingsKey + "|" + scenario.Repetition.ToString(CultureInfo.InvariantCulture);
        return string.Concat(tag.Select(c => c is ',' or ' ' or '\t' or '\r' or '\n' ? '_' : c));
    }

    /// <summary>
    /// Each second that has a histogram, from the start of measurement; a result without per-second histograms (older
    /// results, Celery's timeline) is one interval of the scenario's whole histogram.
    /// </summary>
    private static IEnumerable<(double Offset, double Length, IEnumerable<(int Index, long Count)> Buckets)> Intervals(ScenarioRecord scenario)
    {
        // One interval at a time, read in place: a long run's hundred seconds of buckets were copied into lists first,
        // megabytes of garbage at the moment a run's memory peaks (results, exports and report are written).
        if (scenario.Timeline.Any(t => t.Buckets.Count > 0))
        {
            var offset = 0.0;
            foreach (var t in scenario.Timeline)
            {
                yield return (offset, t.Seconds, t.Buckets.Select(b => (b.Index, b.Count)));
                offset += t.Seconds;
            }

            yield break;
        }

        var whole = scenario.Latency.Corrected.Histogram;
        yield return (0, scenario.DurationSeconds, whole.Buckets.Select(b => ((int)b[0], b[1])));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

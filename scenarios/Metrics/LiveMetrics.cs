using System.Globalization;
using System.Text;
using Bench.Load;

namespace Bench.Scenarios.Metrics;

/// <summary>
/// Bench's own figures in Prometheus' text exposition format (version 0.0.4), fed once a second from the progress
/// snapshot the live display already gets, never from the request path. One series set per scenario run, labelled by
/// its scenario, settings, repetition and phase (warm-up and measurement have separate recorders, so each series stays
/// monotonic). Latency is a cumulative histogram whose `le` bounds are bucket edges of <see cref="LatencyHistogram"/>,
/// so every bucket count is exact, not interpolated.
/// </summary>
internal sealed class LiveMetrics
{
    /// <summary>The `le` bounds, in nanoseconds: the highest value of the LatencyHistogram bucket holding each round figure.</summary>
    public static IReadOnlyList<long> BoundsNs { get; } = [.. new long[]
    {
        25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
        100_000_000, 250_000_000, 500_000_000, 1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000, 30_000_000_000,
    }.Select(v => LatencyHistogram.HighestEquivalentValue(LatencyHistogram.IndexOf(v)))];

    private static readonly int[] s_boundIndex = [.. BoundsNs.Select(LatencyHistogram.IndexOf)];

    private readonly Lock _lock = new();
    private readonly List<Series> _series = [];
    private readonly StringBuilder _text = new();
    private string _labels = string.Empty;

    /// <summary>A scenario run begins: its labels apply to every snapshot until the next.</summary>
    public void Begin(string scenarioId, IReadOnlyDictionary<string, string> settings, int repetition)
    {
        var labels = new StringBuilder();
        labels.Append("scenario=\"").Append(Escape(scenarioId)).Append('"');
        foreach (var (key, value) in settings)
        {
            labels.Append(',').Append(LabelName(key)).Append("=\"").Append(Escape(value)).Append('"');
        }

        labels.Append(",repetition=\"").Append(repetition.ToString(CultureInfo.InvariantCulture)).Append('"');
        lock (_lock)
        {
            _labels = labels.ToString();
        }
    }

    /// <summary>One second's snapshot: counters are set to the live totals, the histogram gains the second's buckets.</summary>
    public void Update(ProgressSnapshot p)
    {
        lock (_lock)
        {
            var phase = p.WarmingUp ? "warmup" : "measure";
            var series = _series.Find(s => s.Phase == phase && s.Labels == _labels);
            if (series is null)
            {
                series = new Series(_labels, phase);
                _series.Add(series);
            }

            series.Ok = p.Ok;
            series.Failed = p.Failed;
            series.TimedOut = p.TimedOut;
            series.Issued = p.Issued;
            series.LateStarts = p.LateStarts;
            series.Throughput = p.Throughput;
            series.P50Ns = p.P50Ns;
            series.P99Ns = p.P99Ns;
            series.Add(p.Buckets, p.SumNs);
        }
    }

    /// <summary>The exposition text of every series so far.</summary>
    public string Render()
    {
        lock (_lock)
        {
            var t = _text.Clear();
            Family(t, "bench_requests_total", "counter", "Requests ended, by outcome (ok, failed, timed_out).", s =>
            {
                Sample(t, "bench_requests_total", s, "outcome=\"ok\"", s.Ok);
                Sample(t, "bench_requests_total", s, "outcome=\"failed\"", s.Failed);
                Sample(t, "bench_requests_total", s, "outcome=\"timed_out\"", s.TimedOut);
            });
            Family(t, "bench_issued_total", "counter", "Requests issued.", s => Sample(t, "bench_issued_total", s, null, s.Issued));
            Family(t, "bench_late_starts_total", "counter", "Open-model requests that started later than their schedule.", s => Sample(t, "bench_late_starts_total", s, null, s.LateStarts));
            Family(t, "bench_in_flight", "gauge", "Requests issued and not yet ended.", s => Sample(t, "bench_in_flight", s, null, s.Issued - s.Ok - s.Failed - s.TimedOut));
            Family(t, "bench_ok_per_second", "gauge", "Ok requests in the last whole second.", s => Sample(t, "bench_ok_per_second", s, null, s.Throughput));
            Family(t, "bench_latency_p50_seconds", "gauge", "The last second's median ok latency.", s => Sample(t, "bench_latency_p50_seconds", s, null, s.P50Ns / 1e9));
            Family(t, "bench_latency_p99_seconds", "gauge", "The last second's 99th percentile ok latency.", s => Sample(t, "bench_latency_p99_seconds", s, null, s.P99Ns / 1e9));
            Family(t, "bench_latency_seconds", "histogram", "Ok latency (coordinated-omission corrected), from Bench's own histogram.", s =>
            {
                long cumulative = 0;
                for (var i = 0; i < BoundsNs.Count; i++)
                {
                    cumulative += s.Buckets[i];
                    Sample(t, "bench_latency_seconds_bucket", s, "le=\"" + Number(BoundsNs[i] / 1e9) + "\"", cumulative);
                }

                Sample(t, "bench_latency_seconds_bucket", s, "le=\"+Inf\"", s.Count);
                Sample(t, "bench_latency_seconds_sum", s, null, s.SumNs / 1e9);
                Sample(t, "bench_latency_seconds_count", s, null, s.Count);
            });
            return t.ToString();
        }
    }

    private void Family(StringBuilder t, string name, string type, string help, Action<Series> samples)
    {
        t.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        t.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var s in _series)
        {
            samples(s);
        }
    }

    private static void Sample(StringBuilder t, string name, Series s, string? extra, double value)
    {
        t.Append(name).Append('{').Append(s.Labels).Append(",phase=\"").Append(s.Phase).Append('"');
        if (extra is not null)
        {
            t.Append(',').Append(extra);
        }

        t.Append("} ").Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*; settings are camelCase words, so this only guards.
    private static string LabelName(string key)
    {
        var name = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return name is "scenario" or "phase" or "outcome" or "le" or "repetition" || char.IsAsciiDigit(name[0]) ? "setting_" + name : name;
    }

    private sealed class Series(string labels, string phase)
    {
        public string Labels { get; } = labels;

        public string Phase { get; } = phase;

        /// <summary>Counts per `le` bound (not yet cumulative); a value above the last bound counts only in +Inf.</summary>
        public long[] Buckets { get; } = new long[BoundsNs.Count];

        public long Count { get; private set; }

        public long SumNs { get; private set; }

        public long Ok { get; set; }

        public long Failed { get; set; }

        public long TimedOut { get; set; }

        public long Issued { get; set; }

        public long LateStarts { get; set; }

        public double Throughput { get; set; }

        public long P50Ns { get; set; }

        public long P99Ns { get; set; }

        public void Add(IReadOnlyList<(int Index, long Count)> buckets, long sumNs)
        {
            foreach (var (index, count) in buckets)
            {
                var slot = Array.FindIndex(s_boundIndex, b => index <= b);
                if (slot >= 0)
                {
                    Buckets[slot] += count;
                }

                Count += count;
            }

            SumNs += sumNs;
        }
    }
}

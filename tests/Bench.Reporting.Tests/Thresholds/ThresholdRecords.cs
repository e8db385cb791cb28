using Bench.Load;

namespace Bench.Reporting.Tests.Thresholds;

/// <summary>Scenario records with latencies chosen by hand, so every percentile is known exactly.</summary>
internal static class ThresholdRecords
{
    /// <summary>
    /// 1, 2, … 1000 ns: below 2048 ns the histogram keeps every value exactly, so p50 = 500 ns, p99 = 990 ns,
    /// p99.9 = 999 ns, p99.99 = max = 1000 ns, mean = 500.5 ns.
    /// </summary>
    public static ScenarioRecord OneToThousandNs(long issued = 1000, long failed = 0, long timedOut = 0, double throughput = 1234.5) =>
        Call(Enumerable.Range(1, 1000).Select(i => (long)i), issued, failed, timedOut, throughput);

    /// <summary>Every request took the same time: the histogram reports that value exactly at every percentile.</summary>
    public static ScenarioRecord Constant(long ns, int count = 1000) => Call(Enumerable.Repeat(ns, count), count, 0, 0, 100);

    public static ScenarioRecord Call(IEnumerable<long> latenciesNs, long issued, long failed, long timedOut, double throughput)
    {
        var latency = Latency(latenciesNs);
        return new ScenarioRecord
        {
            Id = "oslo.call",
            SettingsKey = "method=resize;target=oslo",
            Settings = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["method"] = "resize", ["target"] = "oslo" },
            Load = "closed, 8 outstanding, for 8 s",
            Model = "closed",
            StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
            Counts = new CountsRecord { Issued = issued, Ok = issued - failed - timedOut, Failed = failed, TimedOut = timedOut, Accounted = true },
            Throughput = throughput,
            LatencyKind = "round-trip",
            Latency = new LatencyPair(latency, latency),
        };
    }

    public static LatencyRecord Latency(IEnumerable<long> valuesNs)
    {
        var histogram = new LatencyHistogram();
        foreach (var v in valuesNs)
        {
            histogram.Record(v);
        }

        return LatencyRecord.From(histogram);
    }
}

using Bench.Load;
using Bench.Reporting;

namespace Bench.Harness.Tests;

/// <summary>Synthetic records: counts, latencies and timelines chosen by hand, so every figure is known exactly.</summary>
internal static class Records
{
    /// <summary>A call scenario of <paramref name="issued"/> requests, each taking <paramref name="latencyNs"/> (kept exactly below 2048 ns).</summary>
    public static ScenarioRecord Call(string id = "call.add", long issued = 1000, long failed = 0, long timedOut = 0, long latencyNs = 1000, double throughput = 100, bool accounted = true)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < issued - failed - timedOut; i++)
        {
            histogram.Record(latencyNs);
        }

        var latency = LatencyRecord.From(histogram);
        return new ScenarioRecord
        {
            Id = id,
            SettingsKey = "model=closed;outstanding=8",
            Settings = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["model"] = "closed", ["outstanding"] = "8" },
            Load = "closed, 8 outstanding, for 8 s",
            Model = "closed",
            StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
            Counts = new CountsRecord { Issued = issued, Ok = issued - failed - timedOut, Failed = failed, TimedOut = timedOut, Accounted = accounted },
            Throughput = throughput,
            LatencyKind = "round-trip",
            Latency = new LatencyPair(latency, latency),
        };
    }

    /// <summary>Whole seconds 0…n-1 with these ok/s (failures and timeouts per second optional).</summary>
    public static List<TimelineRecord> Timeline(double[] okPerSecond, long[]? failed = null, long[]? timedOut = null) =>
        [.. okPerSecond.Select((ok, i) => new TimelineRecord(i, 1, (long)ok, failed?[i] ?? 0, timedOut?[i] ?? 0, ok, 100, 200, 300, 80))];

    public static RunResult Run(string runId, params ScenarioRecord[] scenarios) => new()
    {
        RunId = runId,
        Command = "bench run --scenario call.add",
        Suite = "custom",
        StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 10, TimeSpan.Zero),
        Environment = new EnvironmentRecord
        {
            GitSha = "0123456789abcdef0123456789abcdef01234567",
            DotNet = ".NET 10.0",
            Os = "Debian 12",
            CpuModel = "Test CPU",
            Cores = 2,
            MachineName = "test",
            BrokerVersion = "3.10.8",
            Broker = "amqp://127.0.0.1:5672/",
            PrivateBroker = true,
        },
        Scenarios = [.. scenarios],
    };
}

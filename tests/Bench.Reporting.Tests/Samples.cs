using Bench.Load;

namespace Bench.Reporting.Tests;

/// <summary>Deterministic results to report on and compare: fixed histograms, timelines and costs.</summary>
internal static class Samples
{
    public static ScenarioRecord Scenario(string id, long latencyNs, double throughput, int seconds = 8, string model = "closed", IReadOnlyDictionary<string, string>? settings = null, double jitter = 0.01)
    {
        var histogram = new LatencyHistogram();
        var random = new Random(12345);
        var total = (long)(throughput * seconds);
        for (long i = 0; i < total; i++)
        {
            histogram.Record((long)(latencyNs * (1 + (jitter * ((random.NextDouble() * 2) - 1)))));
        }

        var timeline = Enumerable.Range(0, seconds).Select(s => new TimelinePoint(s, 1, (long)throughput, 0, 0,
            throughput * (1 + (jitter * ((random.NextDouble() * 2) - 1))), (long)(latencyNs * (1 + (jitter * ((random.NextDouble() * 2) - 1)))), latencyNs * 2, latencyNs * 3) { RssBytes = 80L << 20 }).ToList();
        var result = new ScenarioResult
        {
            ScenarioId = id,
            Load = model == "open" ? "open, 2000/s, for 8 s" : "closed, 8 outstanding, for 8 s",
            OpenModel = model == "open",
            StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
            WarmUpSeconds = 2,
            DurationSeconds = seconds,
            Incomplete = false,
            Issued = total,
            Ok = total,
            Failed = 0,
            TimedOut = 0,
            Abandoned = 0,
            LateStarts = 0,
            MaxLatenessNs = 0,
            Corrected = histogram,
            Raw = histogram,
            Timeline = timeline,
            Errors = [],
            Cost = [new CpuCost("client", 1.0, 20), new CpuCost("worker", 1.2, 25), new CpuCost("broker", 2.0, 45)],
        };
        var allSettings = new Dictionary<string, string> { ["model"] = model, [model == "open" ? "rate" : "outstanding"] = model == "open" ? "2000" : "8" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            allSettings[k] = v;
        }

        return ScenarioRecords.From(result, allSettings);
    }

    public static RunResult Run(string runId, params ScenarioRecord[] scenarios) => new()
    {
        RunId = runId,
        Command = "bench run --suite golden",
        Suite = "golden",
        StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 21, 6, 1, 0, TimeSpan.Zero),
        PeakRssMb = 96,
        Environment = new EnvironmentRecord
        {
            GitSha = "0123456789abcdef0123456789abcdef01234567",
            DotNet = ".NET 10.0",
            Os = "Debian 12",
            CpuModel = "Test CPU",
            Cores = 2,
            MachineName = "test",
            BrokerVersion = "3.10.8",
            Broker = "amqp://guest:***@127.0.0.1:5672/",
            PrivateBroker = true,
        },
        Scenarios = [.. scenarios],
    };
}

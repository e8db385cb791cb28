using Bench.Load;
using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>Deterministic results to report on and compare: fixed histograms, timelines and costs.</summary>
internal static class Samples
{
    public static ScenarioRecord Scenario(string id, long latencyNs, double throughput, int seconds = 8, string model = "closed", IReadOnlyDictionary<string, string>? settings = null, double jitter = 0.01, bool warmUpSettled = true)
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
            WarmUpSettled = warmUpSettled,
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

        // As Bench's scenarios set it: an oslo call stands beside raw.call, cast.count beside raw.cast.
        return ScenarioRecords.From(result, allSettings) with { Baseline = id.StartsWith("call.", StringComparison.Ordinal) ? "raw.call" : id == "cast.count" ? "raw.cast" : null };
    }

    /// <summary>
    /// call.add over 30 s with two faults and the worker events the second caused: broker-restart from 10 s for 6 s,
    /// back 2 s after it ended (at 18 s); worker-kill at 22 s (instantaneous), back 1 s later; the worker exited at 22.1 s
    /// and was restarted at 22.7 s. An exit during warm-up (-1 s) is in the tables, not on the timeline.
    /// </summary>
    public static ScenarioRecord WithFaults() => Scenario("call.add", 380_000, 2600, seconds: 30) with
    {
        Faults =
        [
            new FaultRecord { Kind = "broker-restart", Spec = "broker-restart@10s+6s", AtSeconds = 10, DurationSeconds = 6, RecoverySeconds = 2, OkPerSecondBefore = 2600, FailedInWindow = 1234, TimedOutInWindow = 16 },
            new FaultRecord { Kind = "worker-kill", Spec = "worker-kill@22s", AtSeconds = 22, RecoverySeconds = 1, OkPerSecondBefore = 2590, TimedOutInWindow = 40, Note = "killed worker bench-1 (pid 4242)" },
        ],
        WorkerEvents =
        [
            new WorkerEventRecord { Worker = "bench-0", Event = "exited", AtSeconds = -1, Exit = "exit code 3", LastLog = "starting\nboom" },
            new WorkerEventRecord { Worker = "bench-1", Event = "exited", AtSeconds = 22.1, Exit = "killed by signal 9 (SIGKILL)", Expected = true },
            new WorkerEventRecord { Worker = "bench-1", Event = "restarted", AtSeconds = 22.7, Expected = true },
        ],
    };

    /// <summary>
    /// A celery suite's celery.add variants: two real Celery workers, Bench's C# worker at two depths (the fastest of
    /// them the table's), one driven by the Python client, which the celery-workers table leaves out, and the raw
    /// baseline at both depths: the table takes the one with the fastest C# variant's settings, not the faster one.
    /// </summary>
    public static RunResult CeleryRun() => Run("20261121T060000Z-0123456",
        CeleryAdd(410, workerCpu: 1840.2, ("pool", "solo")),
        CeleryAdd(520, workerCpu: 1530.6, ("pool", "prefork:2"), ("prefetchMultiplier", "unlimited")),
        CeleryAdd(2600, workerCpu: 95.1, ("worker", "bench")),
        CeleryAdd(2900, workerCpu: 70.3, ("worker", "bench"), ("client", "python")),
        CeleryAdd(2750, workerCpu: 90.4, ("worker", "bench"), ("outstanding", "8")),
        CeleryAdd(2800, workerCpu: 84.1, ("worker", "raw"), ("outstanding", "8")),
        CeleryAdd(3000, workerCpu: 60.2, ("worker", "raw"), ("outstanding", "32")));

    /// <summary>One celery.add variant with the client's, the worker's and the broker's CPU µs per task.</summary>
    public static ScenarioRecord CeleryAdd(double rate, double workerCpu, params (string Key, string Value)[] settings) =>
        Scenario("celery.add", 1_000_000, rate, settings: settings.ToDictionary(s => s.Key, s => s.Value)) with
        {
            Cost = [new("client", 1, 120.4), new("worker", 1, workerCpu), new("broker", 1, 95.5)],
        };

    public static RunResult Run(string runId, params ScenarioRecord[] scenarios) => new()
    {
        RunId = runId,
        Command = "bench run --suite golden",
        Suite = "golden",
        StartedAt = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 21, 6, 1, 0, TimeSpan.Zero),
        PeakRssMb = 96,
        Environment = TestEnvironment.Record,
        Scenarios = [.. scenarios],
    };
}

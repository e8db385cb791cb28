namespace Bench.Reporting.Tests;

/// <summary>
/// The default suite's fourteen scenario runs as `bench run` records them (settings, baselines, load models), with
/// figures of the order a two-core machine measures: the report a newcomer first sees. Optionally swept over prefetch
/// on top (`--suite default --prefetch 1,100`), which only the scenarios taking prefetch multiply.
/// </summary>
internal static class DefaultSuiteSamples
{
    private static readonly Dictionary<string, string> s_common = new()
    {
        ["ack"] = "receipt", ["channels"] = "1", ["durable"] = "false", ["persistent"] = "true", ["prefetch"] = "unlimited",
        ["queueType"] = "classic", ["workerProcess"] = "child", ["workers"] = "1",
    };

    public static RunResult Run(params string[] prefetches)
    {
        var scenarios = new List<ScenarioRecord> { Samples.Scenario("harness.null", 60, 1_000_000, seconds: 2) with { InTimeline = false, Cost = [new CostRecord("client", 0.1, 0.06)] } };
        foreach (var prefetch in prefetches.Length == 0 ? ["unlimited"] : prefetches)
        {
            Dictionary<string, string> Raw(params (string, string)[] extra) => With(prefetch, [("payloadBytes", "16"), .. extra]);
            Dictionary<string, string> Oslo(params (string, string)[] extra) => With(prefetch, [("envelope", "oslo2"), ("route", "exchange"), ("transport", "reply-queue"), ("workerRateLimit", "off"), .. extra]);
            scenarios.AddRange(
            [
                Samples.Scenario("raw.call", 458_000, 1408, settings: Raw(("outstanding", "1"), ("route", "exchange"))),
                Samples.Scenario("call.add", 511_000, 887, settings: Oslo(("outstanding", "1"))),
                Samples.Scenario("raw.call", 3_936_000, 12117, settings: Raw(("outstanding", "64"), ("route", "queue"))),
                Samples.Scenario("raw.call", 7_524_000, 6111, settings: Raw(("outstanding", "64"), ("route", "exchange"))),
                Samples.Scenario("call.add", 10_748_000, 4697, settings: Oslo(("outstanding", "64"))),
                Cast(Samples.Scenario("raw.cast", 13_765_000, 5059, settings: Raw(("outstanding", "8"), ("requests", "200000"), ("route", "exchange")))),
                Cast(Samples.Scenario("cast.count", 7_675_000, 6229, settings: Oslo(("outstanding", "8"), ("requests", "200000"), ("confirms", "off")))),
                Cast(Samples.Scenario("raw.cast", 965_000, 2123, model: "open", settings: Raw(("rate", "50% of capacity"), ("duration", "5"), ("arrivals", "uniform"), ("route", "exchange")))),
                Cast(Samples.Scenario("cast.count", 2_443_000, 3125, model: "open", settings: Oslo(("rate", "50% of capacity"), ("duration", "5"), ("arrivals", "uniform"), ("confirms", "off")))),
                Samples.Scenario("call.echo", 2_771_000, 2121, settings: Oslo(("outstanding", "16"), ("payloadBytes", "1024"))),
                Samples.Scenario("call.nova", 3_197_000, 2559, settings: Oslo(("outstanding", "16"))),
                Samples.Scenario("objects.get", 3_326_000, 2983, settings: Oslo(("outstanding", "16"))) with { Baseline = null },
                Samples.Scenario("call.add", 942_000, 1999, model: "open", settings: Oslo(("rate", "2000"), ("arrivals", "uniform"))),
            ]);
        }

        return Samples.Run("20261206T092730Z-4cff443", [.. scenarios.Select(WithLoad)]) with
        {
            Suite = "default",
            Command = "bench run" + (prefetches.Length > 0 ? " --prefetch " + string.Join(',', prefetches) : string.Empty),
            SweptSettings = prefetches.Length > 1 ? ["prefetch"] : [],
        };
    }

    // The load as `bench run` describes it, from the settings.
    private static ScenarioRecord WithLoad(ScenarioRecord s) => s with
    {
        Load = s.Settings.TryGetValue("rate", out var rate) ? $"open, {(rate.Contains('%', StringComparison.Ordinal) ? "2529" : rate)}/s, for 5 s"
            : $"closed, {s.Settings.GetValueOrDefault("outstanding", "1")} outstanding, for {(s.Settings.ContainsKey("requests") ? "200,000 requests" : "8 s")}",
    };

    // Casts measure latency at the worker (one way), as the scenario records it.
    private static ScenarioRecord Cast(ScenarioRecord s) => s with { OneWay = s.Latency.Corrected, LatencyKind = "publish" };

    private static Dictionary<string, string> With(string prefetch, (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>(s_common) { ["prefetch"] = prefetch };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}

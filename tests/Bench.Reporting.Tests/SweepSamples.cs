namespace Bench.Reporting.Tests;

/// <summary>
/// Synthetic sweeps with a known answer: prefetch × transport (× workers) with throughput set by a table, direct
/// reply-to 30% slower everywhere, latency from Little's law at 64 outstanding; and open-model rate sweeps.
/// </summary>
internal static class SweepSamples
{
    public static readonly string[] Prefetches = ["1", "10", "100", "unlimited"];

    public static double Throughput(string prefetch, string transport, string workers = "1") =>
        prefetch switch { "1" => 1500, "10" => 5000, "100" => 8000, _ => 7200 } * (transport == "direct" ? 0.7 : 1) * (workers == "2" ? 1.2 : 1);

    /// <summary>
    /// The prefetch × transport sweep of the example command, variants in the order `bench run` makes them
    /// (transport outer, as typed: reply-queue first; prefetch values typed out of order to show the sort).
    /// </summary>
    public static RunResult PrefetchByTransport(int repetitions = 1, params string[] workers)
    {
        var scenarios = new List<ScenarioRecord>();
        string[] prefetchAsTyped = ["100", "1", "unlimited", "10"];
        foreach (var w in workers.Length == 0 ? ["1"] : workers)
        {
            foreach (var transport in new[] { "reply-queue", "direct" })
            {
                foreach (var prefetch in prefetchAsTyped)
                {
                    for (var rep = 1; rep <= repetitions; rep++)
                    {
                        // Repetitions differ by a few percent, so error bars have something to show.
                        var tput = Throughput(prefetch, transport, w) * (1 + (0.02 * (rep - 1)));
                        scenarios.Add(Samples.Scenario("call.add", (long)(64e9 / tput), tput, settings: new Dictionary<string, string>
                        {
                            ["outstanding"] = "64",
                            ["prefetch"] = prefetch,
                            ["transport"] = transport,
                            ["workers"] = w,
                            ["route"] = "exchange",
                        }) with { Repetition = rep });
                    }
                }
            }
        }

        return Samples.Run("20261121T070000Z-0123456", [.. scenarios]);
    }

    /// <summary>An open-model rate sweep: achieved = offered up to <paramref name="capacity"/>, p99 flat then rising as <paramref name="p99Us"/> says.</summary>
    public static RunResult RateSweep(double capacity, params (double Rate, double P99Us)[] points) =>
        Samples.Run("20261121T080000Z-0123456", [.. points.Select(p => Samples.Scenario("call.add", (long)(p.P99Us * 1000), Math.Min(p.Rate, capacity), model: "open",
            settings: new Dictionary<string, string> { ["rate"] = p.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture) }))]);

    /// <summary>
    /// The Celery suite's shape: one knob at a time from a common base (rate limits off, multiplier 4, acks early),
    /// plus the seed's base with rate limits on.
    /// </summary>
    public static RunResult CeleryKnobs()
    {
        var common = new Dictionary<string, string> { ["prefetchMultiplier"] = "4", ["acksLate"] = "false", ["rateLimits"] = "off", ["pool"] = "solo" };
        Dictionary<string, string> With(string key, string value) => new(common) { [key] = value };
        return Samples.Run("celery", [
            Samples.Scenario("celery.add", 900_000, 900, settings: With("rateLimits", "on")),
            Samples.Scenario("celery.add", 850_000, 1000, settings: common),
            Samples.Scenario("celery.add", 2_000_000, 300, settings: With("prefetchMultiplier", "1")),
            Samples.Scenario("celery.add", 880_000, 950, settings: With("prefetchMultiplier", "unlimited")),
            Samples.Scenario("celery.add", 1_000_000, 850, settings: With("acksLate", "true"))]);
    }
}

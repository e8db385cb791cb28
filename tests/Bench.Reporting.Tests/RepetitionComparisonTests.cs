using Bench.Reporting.Comparison;
using Bench.Reporting.History;

namespace Bench.Reporting.Tests;

/// <summary>Verdicts across repetitions, on constructed figures with known effects.</summary>
public sealed class RepetitionComparisonTests
{
    private static readonly ComparisonOptions s_options = new();

    [Fact]
    public void Five_noisy_repetitions_of_the_same_thing_are_the_same_and_say_what_they_could_have_seen()
    {
        var row = ResultComparer.CompareOne(Side(400, 10_000, 0.01, 1), Side(400, 10_000, 0.01, 2), s_options);

        Assert.Equal(Verdict.Same, row.Verdict);
        Assert.StartsWith("same: no change ≥ ", row.Reason, StringComparison.Ordinal);
        Assert.True(row.MinDetectableChange < s_options.Threshold);
    }

    [Fact]
    public void A_ten_percent_slower_p50_across_five_repetitions_is_a_regression()
    {
        var row = ResultComparer.CompareOne(Side(400, 10_000, 0.01, 1), Side(440, 10_000, 0.01, 2), s_options);

        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.Contains("p50 +", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slower_p99_alone_is_a_regression()
    {
        var baseSide = Side(400, 10_000, 0.01, 1);
        var diff = baseSide with { Repetitions = [.. baseSide.Repetitions.Select(r => r with { P99Us = r.P99Us * 1.2 })] };

        var row = ResultComparer.CompareOne(baseSide, diff, s_options);

        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.Contains("p99 +20", row.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("p50", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_p50_slows_down_visibly_although_it_is_under_the_old_absolute_floor()
    {
        // 10% of 100 µs is 10 µs: under the 20 µs floor, which no longer swallows a change the threshold sees.
        var row = ResultComparer.CompareOne(Side(100, 10_000, 0.01, 1), Side(110, 10_000, 0.01, 2), s_options);

        Assert.Equal(Verdict.Slower, row.Verdict);
    }

    [Fact]
    public void A_slow_throughput_below_the_old_absolute_floor_is_still_judged()
    {
        // Celery-sized throughput: −10% of 400/s is 40/s, under the old 50/s floor.
        var row = ResultComparer.CompareOne(Side(1_000, 400, 0.01, 1), Side(1_000, 360, 0.01, 2), s_options);

        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.Contains("throughput -10", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_rate_rising_from_zero_to_one_percent_is_a_regression()
    {
        var baseSide = Side(400, 10_000, 0.01, 1);
        var diff = baseSide with { Repetitions = [.. baseSide.Repetitions.Select(r => r with { Errors = r.Issued / 100, Ok = r.Issued - (r.Issued / 100) })] };

        var row = ResultComparer.CompareOne(baseSide, diff, s_options);

        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.Contains("errors 0.00% → 1.00%", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incomplete_or_unaccounted_side_is_never_the_same()
    {
        var good = Side(400, 10_000, 0.01, 1);
        var interrupted = good with { Repetitions = [.. good.Repetitions.Select((r, i) => i == 0 ? r with { Incomplete = true } : r)] };
        var unaccounted = good with { Repetitions = [.. good.Repetitions.Select(r => r with { Accounted = false })] };

        var first = ResultComparer.CompareOne(good, interrupted, s_options);
        var second = ResultComparer.CompareOne(unaccounted, good, s_options);

        Assert.Equal(Verdict.Invalid, first.Verdict);
        Assert.Contains("diff is incomplete", first.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Invalid, second.Verdict);
        Assert.Contains("base's accounting does not hold", second.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Noisy_repetitions_give_an_inconclusive_same_with_the_repetitions_that_would_do()
    {
        var row = ResultComparer.CompareOne(Side(400, 10_000, 0.15, 1, count: 3), Side(400, 10_000, 0.15, 2, count: 3), s_options);

        Assert.Equal(Verdict.Same, row.Verdict);
        Assert.StartsWith("inconclusive: a change under ", row.Reason, StringComparison.Ordinal);
        Assert.True(row.MinDetectableChange > s_options.Threshold);
        Assert.NotNull(row.SuggestedRepetitions);
    }

    [Fact]
    public void One_repetition_a_side_is_untested_and_needs_three_times_the_threshold()
    {
        var b = Side(400, 10_000, 0, 1, count: 1);

        var ten = ResultComparer.CompareOne(b, Side(440, 10_000, 0, 1, count: 1), s_options);
        var fifty = ResultComparer.CompareOne(b, Side(600, 10_000, 0, 1, count: 1), s_options);

        Assert.Equal(Verdict.Same, ten.Verdict);
        Assert.Contains("--repeat ", ten.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Slower, fifty.Verdict);
        Assert.True(fifty.Untested);
        Assert.Contains("untested, not a failure", fifty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Repetitions_of_a_run_become_one_measurement_with_the_median()
    {
        var run = Samples.Run("r",
            Samples.Scenario("call.add", 400_000, 2000) with { Repetition = 1 },
            Samples.Scenario("call.add", 500_000, 1000) with { Repetition = 2 },
            Samples.Scenario("call.add", 450_000, 3000) with { Repetition = 3 });

        var m = Assert.Single(Measurement.From(run));

        Assert.Equal(3, m.Repetitions.Count);
        Assert.Equal(m.Repetitions.Select(r => r.Throughput).Order().ElementAt(1), m.Throughput);
    }

    [Fact]
    public void The_statistics_self_check_meets_its_goals_on_its_quick_setting()
    {
        var checks = StatisticsSelfCheck.Run(SelfCheckOptions.Quick);

        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.True(c.Met, $"{c.Name}: {c.Rate:P1}"));
    }

    [Fact]
    public void The_trend_skips_other_suites_and_incomplete_nights_and_an_incomplete_run_is_never_the_baseline()
    {
        using var dir = new TempDirectory();
        var store = new HistoryStore(dir.Path);
        var baseline = Samples.Run("base", Samples.Scenario("call.add", 400_000, 2000));
        store.Record(baseline);
        store.Promote("latest");
        for (var night = 1; night <= 5; night++)
        {
            // Slow nights, but of another suite or interrupted: none of them may count toward a shift.
            var slow = Samples.Run("n" + night, Samples.Scenario("call.add", 900_000, 900)) with
            {
                StartedAt = baseline.StartedAt.AddDays(night),
                Suite = night % 2 == 0 ? "quick" : "golden",
                Incomplete = night % 2 == 1,
            };
            store.Record(slow);
        }

        var series = Assert.Single(TrendRule.Evaluate(store.LoadAll(), store.Load(store.Find("baseline")!.File)));

        Assert.Empty(series.Nights);
        Assert.False(series.Shift);
        Assert.Throws<ResultFormatException>(() => store.Promote("latest"));
    }

    private static Measurement Side(double p50Us, double throughput, double noise, int seed, int count = 5)
    {
        var random = new Random(seed);
        double Jitter() => 1 + (noise * ((random.NextDouble() * 2) - 1));
        return new Measurement("call.add", "model=closed", "call.add", [.. Enumerable.Range(0, count).Select(_ =>
        {
            var f = Jitter();
            return new RepetitionFigures(throughput * Jitter(), p50Us * f, p50Us * 3 * f, p50Us * 6 * f, 20_000, 20_000, 0, Incomplete: false, Accounted: true);
        })]);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bench-trend-" + Guid.NewGuid().ToString("N")[..8]);

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}

/// <summary>The Bench/raw ratios in summary.md: only like-for-like pairs, from the same run.</summary>
public sealed class BaselineRatioTests
{
    [Fact]
    public void Each_bench_scenario_is_paired_with_the_raw_one_of_the_same_load_and_route()
    {
        var route = new Dictionary<string, string> { ["route"] = "exchange", ["ack"] = "receipt" };
        var run = Samples.Run("r",
            Samples.Scenario("raw.call", 300_000, 2000, settings: route),
            Samples.Scenario("raw.call", 250_000, 2500, settings: new Dictionary<string, string> { ["route"] = "queue", ["ack"] = "receipt" }),
            Samples.Scenario("call.add", 400_000, 1500, settings: route),
            Samples.Scenario("call.echo", 400_000, 1000, settings: new Dictionary<string, string> { ["route"] = "exchange", ["ack"] = "after" }));

        var pair = Assert.Single(BaselineRatios.Pairs(run)); // call.echo has no raw run with ack=after

        Assert.StartsWith("call.add", pair.BenchLabel, StringComparison.Ordinal);
        Assert.Contains("route=exchange", pair.RawLabel, StringComparison.Ordinal);
        Assert.Equal(0.75, pair.ThroughputRatio, 2);
        Assert.Equal(1.0, pair.CpuRatio, 6); // the samples' costs are alike
        Assert.Contains("Bench/raw", MarkdownSummary.Render(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Variants_that_only_bench_settings_tell_apart_are_labelled_by_those_settings()
    {
        var route = new Dictionary<string, string> { ["route"] = "exchange" };
        var run = Samples.Run("r",
            Samples.Scenario("raw.call", 300_000, 2000, settings: route),
            Samples.Scenario("call.add", 400_000, 1500, settings: new Dictionary<string, string>(route) { ["hops"] = "on", ["envelope"] = "oslo2" }),
            Samples.Scenario("call.add", 400_000, 1600, settings: new Dictionary<string, string>(route) { ["envelope"] = "oslo2" }));

        var labels = BaselineRatios.Pairs(run).Select(p => p.BenchLabel).ToList();

        Assert.Equal(["call.add outstanding=8 route=exchange hops=on", "call.add outstanding=8 route=exchange hops=default"], labels);
    }

    // A variant on oslo's exchange that sent this many payload bytes.
    private static Dictionary<string, string> Bytes(int n) => new() { ["route"] = "exchange", ["payloadBytes"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public void A_cast_is_paired_only_with_the_raw_cast_of_its_own_payload_and_both_labels_name_it()
    {
        var run = Samples.Run("r",
            Samples.Scenario("raw.cast", 300_000, 2000, settings: Bytes(16)),
            Samples.Scenario("raw.cast", 300_000, 1600, settings: Bytes(400)),
            Samples.Scenario("cast.count", 400_000, 1800, settings: Bytes(16)),
            Samples.Scenario("cast.count", 400_000, 800, settings: Bytes(400)),
            Samples.Scenario("cast.count", 400_000, 500, settings: Bytes(1024)));

        var pairs = BaselineRatios.Pairs(run); // no raw.cast sent 1 KiB: that cast has no pair

        Assert.Equal(["cast.count outstanding=8 route=exchange payloadBytes=16", "cast.count outstanding=8 route=exchange payloadBytes=400"], pairs.Select(p => p.BenchLabel));
        Assert.Equal(["raw.cast outstanding=8 route=exchange payloadBytes=16", "raw.cast outstanding=8 route=exchange payloadBytes=400"], pairs.Select(p => p.RawLabel));
        Assert.Equal([0.9, 0.5], pairs.Select(p => Math.Round(p.ThroughputRatio, 2)));
    }

    [Fact]
    public void A_call_with_fixed_arguments_is_set_against_the_smallest_raw_payload_whatever_the_order_and_the_raw_label_says_which()
    {
        var run = Samples.Run("r",
            Samples.Scenario("raw.call", 300_000, 1000, settings: Bytes(400)),
            Samples.Scenario("raw.call", 300_000, 2000, settings: Bytes(16)),
            Samples.Scenario("call.add", 400_000, 1500, settings: new Dictionary<string, string> { ["route"] = "exchange" }));

        var pair = Assert.Single(BaselineRatios.Pairs(run));

        Assert.Equal("call.add outstanding=8 route=exchange", pair.BenchLabel);
        Assert.Equal("raw.call outstanding=8 route=exchange payloadBytes=16", pair.RawLabel);
        Assert.Equal(0.75, pair.ThroughputRatio, 2);
    }
}

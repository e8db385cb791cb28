using Bench.Reporting.Comparison;

namespace Bench.Reporting.Tests;

/// <summary>Verdicts on known shifts: a regression is found, noise and sub-floor changes are not.</summary>
public sealed class ResultComparerTests
{
    [Fact]
    public void A_one_millisecond_slower_service_in_one_run_a_side_is_an_untested_difference_not_a_regression()
    {
        var fast = Samples.Run("base", Samples.Scenario("call.sleep", 400_000, 2000));
        var slow = Samples.Run("diff", Samples.Scenario("call.sleep", 1_400_000, 570));

        var result = ResultComparer.Compare("base", Measurement.From(fast), "diff", Measurement.From(slow));

        var row = Assert.Single(result.Rows);
        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.True(row.Untested);
        Assert.False(result.HasRegression);
        Assert.Contains("p50 +250", row.Reason, StringComparison.Ordinal);
        Assert.Contains("throughput -71", row.Reason, StringComparison.Ordinal);
        var markdown = ResultComparer.ToMarkdown(result);
        Assert.Contains("🟡 untested: slower?", markdown, StringComparison.Ordinal);
        Assert.Contains("**no regression** · 1 untested difference(s)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_that_differ_by_noise_only_are_the_same()
    {
        var a = Samples.Run("a", Samples.Scenario("call.add", 400_000, 2000, jitter: 0.03));
        var b = Samples.Run("b", Samples.Scenario("call.add", 404_000, 1990, jitter: 0.03));

        var result = ResultComparer.Compare("a", Measurement.From(a), "b", Measurement.From(b));

        Assert.Equal(Verdict.Same, Assert.Single(result.Rows).Verdict);
        Assert.False(result.HasRegression);
    }

    [Fact]
    public void The_noise_floor_is_relative_for_small_values_so_a_large_change_of_a_tiny_latency_counts()
    {
        var a = Samples.Run("a", Samples.Scenario("harness.null", 100, 1000));
        var b = Samples.Run("b", Samples.Scenario("harness.null", 150, 1000)); // +50%, only 0.05 µs, but half the value
        var c = Samples.Run("c", Samples.Scenario("harness.null", 104, 1000)); // +4%: within the threshold

        Assert.Equal(Verdict.Slower, Assert.Single(ResultComparer.Compare("a", Measurement.From(a), "b", Measurement.From(b)).Rows).Verdict);
        Assert.Equal(Verdict.Same, Assert.Single(ResultComparer.Compare("a", Measurement.From(a), "c", Measurement.From(c)).Rows).Verdict);
    }

    [Fact]
    public void Faster_is_reported_and_is_not_a_regression()
    {
        var a = Samples.Run("a", Samples.Scenario("call.add", 1_000_000, 1000));
        var b = Samples.Run("b", Samples.Scenario("call.add", 500_000, 2000));

        var result = ResultComparer.Compare("a", Measurement.From(a), "b", Measurement.From(b));

        Assert.Equal(Verdict.Faster, Assert.Single(result.Rows).Verdict);
        Assert.False(result.HasRegression);
    }

    [Fact]
    public void Only_matching_ids_and_settings_are_compared()
    {
        var a = Samples.Run("a", Samples.Scenario("call.add", 400_000, 2000), Samples.Scenario("call.echo", 500_000, 1500));
        var b = Samples.Run("b", Samples.Scenario("call.add", 400_000, 2000, settings: new Dictionary<string, string> { ["prefetch"] = "10" }), Samples.Scenario("call.echo", 500_000, 1500));

        var result = ResultComparer.Compare("a", Measurement.From(a), "b", Measurement.From(b));

        Assert.Single(result.Rows);
        Assert.Single(result.OnlyInBase);
        Assert.Single(result.OnlyInDiff);
    }
}

/// <summary>BenchmarkDotNet comparisons: a 10× faster case is faster even from a 3-iteration ShortRun.</summary>
public sealed class BenchmarkComparisonTests
{
    [Fact]
    public void Large_changes_count_even_with_few_iterations_and_small_ones_do_not()
    {
        var before = new BenchmarkDotNetResults("before", [
            new("B.Write", "B", "Write", "", 50_000, 100, 0, [49_900, 50_000, 50_100]),
            new("B.Parse", "B", "Parse", "", 1_000, 10, 0, [990, 1_000, 1_010]),
        ]);
        var after = new BenchmarkDotNetResults("after", [
            new("B.Write", "B", "Write", "", 5_000, 10, 0, [4_990, 5_000, 5_010]),
            new("B.Parse", "B", "Parse", "", 1_080, 10, 0, [1_070, 1_080, 1_090]), // +8%: under twice the threshold without a test
        ]);

        var result = Comparison.ResultComparer.CompareBenchmarks("before", before, "after", after);

        Assert.Equal(Comparison.Verdict.Faster, result.Rows.Single(r => r.Key == "B.Write").Verdict);
        Assert.Equal(Comparison.Verdict.Same, result.Rows.Single(r => r.Key == "B.Parse").Verdict);
        Assert.Contains("mean ns", Comparison.ResultComparer.ToMarkdown(result), StringComparison.Ordinal);
    }
}

using Bench.Reporting.Comparison;

namespace Bench.Reporting.Tests;

/// <summary>
/// A scenario whose open-model generator fell behind is flagged generator-limited: compare calls it invalid (never
/// same, never faster, even when its figures look better), and summary.md and report.html say so.
/// </summary>
public sealed class GeneratorLimitedTests
{
    [Fact]
    public void A_generator_limited_side_is_invalid_even_when_it_looks_faster()
    {
        var good = Samples.Run("a", Samples.Scenario("call.add", 400_000, 2000, model: "open") with { Repetition = 1 }, Samples.Scenario("call.add", 400_000, 2000, model: "open") with { Repetition = 2 }, Samples.Scenario("call.add", 400_000, 2000, model: "open") with { Repetition = 3 });
        var limited = Samples.Run("b", [.. good.Scenarios.Select(s => s with { GeneratorLimited = true, Counts = s.Counts with { LateStarts = s.Counts.Issued / 10 } })]);
        var faster = limited with { Scenarios = [.. limited.Scenarios.Select(s => s with { Throughput = s.Throughput * 2 })] };

        foreach (var (b, d) in new[] { (good, limited), (good, faster), (limited, good) })
        {
            var result = ResultComparer.Compare("base", Measurement.From(b), "diff", Measurement.From(d));
            var row = Assert.Single(result.Rows);
            Assert.Equal(Verdict.Invalid, row.Verdict);
            Assert.Contains("generator-limited", row.Reason, StringComparison.Ordinal);
            Assert.True(result.HasInvalid);
        }
    }

    [Fact]
    public void The_summary_and_the_report_flag_it()
    {
        var run = Samples.Run("r", Samples.Scenario("call.add", 400_000, 2000, model: "open") with { GeneratorLimited = true });

        Assert.Contains("⚠ generator-limited", MarkdownSummary.Render(run), StringComparison.Ordinal);
        Assert.Contains("generator-limited</span>", Html.HtmlReport.Render([run], "/* plotly */"), StringComparison.Ordinal);
    }
}

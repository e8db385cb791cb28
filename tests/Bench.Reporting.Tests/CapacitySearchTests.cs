using System.Net;
using Bench.Reporting.Html;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>The rate an open model is measured at, chosen from given rate-search steps (synthetic, their capacity known).</summary>
public sealed class CapacitySearchTests
{
    private static RateStepRecord Step(double offered, long late = 0, double p99Us = 1000, double? achieved = null) =>
        new() { Offered = offered, Achieved = achieved ?? offered, Issued = (long)(offered * 2), LateStarts = late, P99Us = p99Us };

    [Fact]
    public void The_ladder_rises_from_2_5_to_60_percent_of_the_drain_in_whole_requests_per_second()
    {
        Assert.Equal([76, 153, 305, 611, 916, 1374, 1832], CapacitySearch.Ladder(3053.13));
        Assert.Equal([1, 2], CapacitySearch.Ladder(3)); // never 0/s, never the same step twice
    }

    [Fact]
    public void Capacity_is_the_highest_step_before_the_first_whose_late_starts_grow_past_a_tenth_of_a_percent_or_twice_the_first_steps()
    {
        // 916/s: 1 late start of 1,832 (0.05%) passes; 1221/s: 5 of 2,442 (0.2%) fails, so capacity is 916/s.
        var choice = CapacitySearch.Choose("drain", [Step(305), Step(611), Step(916, late: 1), Step(1221, late: 5)], 0.5);
        // The generator's floor: 1% late at the lowest rate passes, and so does 1.9% at twice the rate; 2.5% fails.
        var floor = CapacitySearch.Choose("drain", [Step(500, late: 10), Step(1000, late: 38), Step(2000, late: 100)], 0.5);

        Assert.Equal(916, choice.CapacityPerSecond);
        Assert.Equal(458, choice.RatePerSecond);
        Assert.Equal([null, null, null, "5 late starts of 2,442 (0.2%, over 0.1%)"], choice.Steps.Select(s => s.Failure));
        Assert.StartsWith("rate 458/s = 50% of the open model's capacity, 916/s (the step after it failed: 5 late starts", choice.Why, StringComparison.Ordinal);
        Assert.Contains("1,221/s failed (late 5, p99 1.0 ms)", choice.Why, StringComparison.Ordinal);
        Assert.Equal((1000, 500), (floor.CapacityPerSecond, floor.RatePerSecond));
        Assert.Equal("100 late starts of 4,000 (2.5%, over 2.0%)", floor.Steps[^1].Failure);
    }

    [Fact]
    public void A_step_past_the_knee_fails_when_its_p99_more_than_doubles_or_its_ok_rate_falls_short()
    {
        var latency = CapacitySearch.Choose("drain", [Step(300, p99Us: 800), Step(600, p99Us: 1500), Step(900, p99Us: 1700)], 0.5);
        var shortfall = CapacitySearch.Choose("drain", [Step(300), Step(600), Step(900, achieved: 800)], 0.5);

        // 1500 µs is 1.9× the first step's 800 µs (passes); 1700 µs is 2.1× (fails).
        Assert.Equal((600, 300), (latency.CapacityPerSecond, latency.RatePerSecond));
        Assert.Contains("2.1×", latency.Steps[^1].Failure, StringComparison.Ordinal);
        Assert.Equal(600, shortfall.CapacityPerSecond);
        Assert.Contains("achieved 800/s of 900/s offered", shortfall.Steps[^1].Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_step_passes_the_capacity_is_the_highest_step_and_when_the_first_fails_it_is_half_of_it()
    {
        var all = CapacitySearch.Choose("drain", [Step(100), Step(200)], 0.8);
        var none = CapacitySearch.Choose("drain", [Step(400, achieved: 300), Step(800)], 0.5);

        Assert.Equal((200, 160), (all.CapacityPerSecond, all.RatePerSecond));
        Assert.Contains("the highest step; every step passed", all.Why, StringComparison.Ordinal);
        Assert.Equal((200, 100), (none.CapacityPerSecond, none.RatePerSecond));
        Assert.Single(none.Steps); // steps after the first failure are not judged
        Assert.Contains("half the search's lowest rate (400/s failed: achieved 300/s of 400/s offered (-25.0%))", none.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_choice_is_shown_in_the_report_and_summary_md_with_its_steps()
    {
        var choice = CapacitySearch.Choose("raw.cast's closed-model drain in this run, 3,053/s", [Step(305), Step(611, late: 9, p99Us: 5120)], 0.5);
        var scenario = Samples.Scenario("raw.cast", 300_000, 152, model: "open") with { RateChoice = choice, Notes = [choice.Why] };
        var run = Samples.Run("rate", scenario);

        var html = HtmlReport.Render([run], plotlyJs: string.Empty);
        var summary = MarkdownSummary.Render(run);

        Assert.Contains("<h2 id=\"rate-choice\">How open-model rates were chosen</h2>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("611 · 9 · 5.1 failed: 9 late starts of 1,222 (0.74%, over 0.1%)"), html, StringComparison.Ordinal);
        Assert.Contains("- `raw.cast`: rate 152/s = 50% of the open model's capacity, 305/s (the step after it failed: 9 late starts of 1,222 (0.74%, over 0.1%)); steps: 305/s ok (late 0, p99 1.0 ms), 611/s failed (late 9, p99 5.1 ms)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("rate-choice", HtmlReport.Render([Samples.Run("plain", Samples.Scenario("call.add", 380_000, 2600))], plotlyJs: string.Empty), StringComparison.Ordinal);
    }
}

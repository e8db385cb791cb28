using Bench.Reporting.Html;

namespace Bench.Reporting.Tests;

/// <summary>The default suite's report answers its question first; a setting the user swept on top still gets its verdict.</summary>
public sealed class HeadlineTests
{
    [Fact]
    public void Each_Bench_scenario_stands_beside_its_raw_baseline_with_the_ratios()
    {
        var headline = Headline.Of(DefaultSuiteSamples.Run())!;

        Assert.Equal(
            ["call.add · closed, 1 outstanding", "call.add · closed, 64 outstanding", "cast.count · closed, 8 outstanding", "cast.count · open, 2529/s",
                "call.echo · closed, 16 outstanding", "call.nova · closed, 16 outstanding", "objects.get · closed, 16 outstanding", "call.add · open, 2000/s"],
            headline.Rows.Select(r => r.Name));
        var at64 = headline.Rows.Single(r => r.Scenario == "call.add" && r.Settings.Contains("outstanding=64", StringComparison.Ordinal));
        Assert.Equal("raw.call", at64.RawScenario);
        Assert.Equal(4697.0 / 6111, at64.Ratio(f => f.Throughput)!.Value, 3);
        Assert.Null(headline.Rows.Single(r => r.Scenario == "objects.get").Raw);
        Assert.Null(headline.Rows.Single(r => r.Scenario == "call.add" && r.Load.StartsWith("open", StringComparison.Ordinal)).Raw);
        Assert.True(headline.Rows.Single(r => r.Scenario == "cast.count" && r.Load.StartsWith("closed", StringComparison.Ordinal)).IsFlood);
        Assert.DoesNotContain(headline.Rows, r => r.Scenario is "raw.call" or "raw.cast" or "harness.null");
        Assert.Equal(0.06, headline.Harness!.Value.CpuUsPerRequest, 6);
        Assert.Equal("One run each: differences under 15% cannot be told from noise here; use --repeat 3.", headline.Uncertainty());
    }

    [Fact]
    public void The_default_suite_s_report_leads_with_the_headline_then_the_distribution_and_percentiles_and_judges_no_built_in_variant()
    {
        var html = HtmlReport.Render([DefaultSuiteSamples.Run()], "/* plotly */");

        var order = new[] { "How fast are Bench's calls and casts?", "<h2>Latency per variant</h2>", "<h2>Latency percentiles</h2>", "<h2>Per-second throughput</h2>", "<h2>Every scenario and setting</h2>" }
            .Select(h => html.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain("what outstanding", html, StringComparison.Ordinal);
        Assert.DoesNotContain("effect of route", html, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbours along each setting", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_swept_on_top_of_the_default_suite_gets_its_verdict_and_no_other()
    {
        var html = HtmlReport.Render([DefaultSuiteSamples.Run("1", "100")], "/* plotly */");

        Assert.Contains("call.add: what prefetch did", html, StringComparison.Ordinal);
        Assert.Contains("call.add: neighbours along each setting", html, StringComparison.Ordinal);
        Assert.DoesNotContain("what outstanding", html, StringComparison.Ordinal);
        Assert.DoesNotContain("what prefetch, outstanding", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("How fast are Bench's calls and casts?", StringComparison.Ordinal) < html.IndexOf("call.add: what prefetch did", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sweep_run_keeps_its_layout_with_the_verdict_first()
    {
        var html = HtmlReport.Render([SweepSamples.PrefetchByTransport()], "/* plotly */");

        Assert.DoesNotContain("How fast are Bench's calls and casts?", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("call.add: what prefetch, transport did", StringComparison.Ordinal) < html.IndexOf("<h2>Latency per variant</h2>", StringComparison.Ordinal));
    }
}

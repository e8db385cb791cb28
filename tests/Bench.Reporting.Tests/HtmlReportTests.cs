using System.Text.RegularExpressions;
using Bench.Reporting.Html;
using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>
/// The report as a person sees it: rendered by headless Chromium (Debian's, installed by scripts/setup.sh) from a
/// file with no network; every chart must have drawn and no script error may have occurred.
/// </summary>
public sealed partial class HtmlReportTests
{
    [Fact]
    public async Task Report_opens_offline_in_a_browser_with_every_chart_drawn()
    {
        var runs = new[]
        {
            Samples.Run("20261121T060000Z-0123456",
                Samples.Scenario("raw.call", 280_000, 3000),
                Samples.Scenario("call.add", 380_000, 2600),
                Samples.Scenario("call.add", 420_000, 1000, model: "open", settings: new Dictionary<string, string> { ["rate"] = "1000" }),
                Samples.Scenario("call.add", 510_000, 2000, model: "open"),
                Samples.Scenario("cast.count", 900_000, 30000)),
        };
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var history = new[] { History.HistoryStore.ToEntry(runs[0]), History.HistoryStore.ToEntry(runs[0] with { RunId = "second" }) with { ShortSha = "1111111" } };
        var html = HtmlReport.Render(runs, await File.ReadAllTextAsync(plotly), history);

        // call.add's rate sweep (rate–latency), stock, percentiles, timeline ok/s and p99, cost, trend
        await AssertEveryChartDrawnAsync(html, 7);
    }

    [Fact]
    public async Task A_sixteen_variant_sweep_with_repetitions_draws_every_chart_without_a_script_error()
    {
        // prefetch (4) × transport (2) × workers (2), each variant twice: error bars, 16 timeline panels, 3 effect charts.
        var run = SweepSamples.PrefetchByTransport(2, "1", "2");
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var html = HtmlReport.Render([run], await File.ReadAllTextAsync(plotly));

        Assert.Contains("call.add: what prefetch, transport, workers did", html, StringComparison.Ordinal);
        Assert.Contains("neighbours along each setting", html, StringComparison.Ordinal);
        // effect of prefetch, transport, workers; stock, percentiles, timeline ok/s and p99, cost
        await AssertEveryChartDrawnAsync(html, 8);
    }

    [Fact]
    public async Task Celery_knobs_get_an_effect_chart_each_and_the_stock_chart_grouped_by_knob()
    {
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var html = HtmlReport.Render([SweepSamples.CeleryKnobs()], await File.ReadAllTextAsync(plotly));

        Assert.Contains("celery.add: effect of prefetchMultiplier", html, StringComparison.Ordinal);
        Assert.Contains("celery.add: effect of acksLate", html, StringComparison.Ordinal);
        Assert.Contains("celery.add: effect of rateLimits", html, StringComparison.Ordinal);
        // The stock chart's knob groups: each tick names its knob's value, the common variant under every knob.
        Assert.Contains("\"prefetchMultiplier=4\",\"prefetchMultiplier=unlimited\"", html, StringComparison.Ordinal);
        Assert.Contains("\"acksLate=false\",\"acksLate=true\"", html, StringComparison.Ordinal);
        // three effect charts; stock, percentiles, timeline ok/s and p99, cost
        await AssertEveryChartDrawnAsync(html, 8);
    }

    [Fact]
    public async Task A_run_with_faults_draws_every_chart_with_its_fault_bands_without_a_script_error()
    {
        var run = Samples.Run("20261121T060000Z-0123456", Samples.Scenario("raw.call", 280_000, 3000, seconds: 30), Samples.WithFaults());
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var html = HtmlReport.Render([run], await File.ReadAllTextAsync(plotly));

        Assert.Contains("\"x0\":10,\"x1\":16,\"y0\":0,\"y1\":1,\"xref\":\"x2\",\"yref\":\"y2 domain\",\"type\":\"rect\"", html, StringComparison.Ordinal);
        // stock, percentiles, timeline ok/s and p99 (bands on the call.add panels), cost
        await AssertEveryChartDrawnAsync(html, 5);
    }

    private static async Task AssertEveryChartDrawnAsync(string html, int charts)
    {
        var path = Path.Combine(Path.GetTempPath(), "bench-report-" + Guid.NewGuid().ToString("N")[..8] + ".html");
        await File.WriteAllTextAsync(path, html);
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(path);

            var status = StatusPattern().Match(dom);
            Assert.True(status.Success, "no #bench-status in the rendered page");
            Assert.Equal(charts.ToString(System.Globalization.CultureInfo.InvariantCulture), status.Groups["expected"].Value);
            Assert.Equal(status.Groups["expected"].Value, status.Groups["drawn"].Value);
            Assert.Equal(string.Empty, status.Groups["errors"].Value);
            Assert.Equal(charts, PlotPattern().Count(dom)); // each chart's div holds a drawn plot
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("id=\"bench-status\" data-expected=\"(?<expected>\\d+)\" data-drawn=\"(?<drawn>\\d+)\" data-errors=\"(?<errors>[^\"]*)\"")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("class=\"plot-container plotly\"")]
    private static partial Regex PlotPattern();
}

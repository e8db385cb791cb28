using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bench.Reporting.Html;
using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>
/// Labels a person can read: each report shape rendered by headless Chromium at a small laptop's width and a wide
/// one, then checked from the page (Browser/label-overlaps.js) — no two tick labels, legend entries, annotations or
/// axis titles of one chart overlap, rotation included, and every chart drew.
/// </summary>
public sealed partial class LabelOverlapTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "default suite", 1024 }, { "default suite", 1400 },
        { "16-variant sweep", 1024 }, { "16-variant sweep", 1400 },
        { "celery suite", 1024 }, { "celery suite", 1400 },
        { "faults", 1024 }, { "faults", 1400 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_two_labels_overlap_and_every_chart_draws(string report, int width)
    {
        var run = report switch
        {
            "default suite" => DefaultSuiteSamples.Run(),
            "16-variant sweep" => SweepSamples.PrefetchByTransport(2, "1", "2"),
            "celery suite" => SweepSamples.CeleryKnobs(),
            _ => Samples.Run("20261121T060000Z-0123456", Samples.Scenario("raw.call", 280_000, 3000, seconds: 30), Samples.WithFaults()),
        };
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var checker = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "tests", "Bench.Reporting.Tests", "Browser", "label-overlaps.js"));
        var html = HtmlReport.Render([run], await File.ReadAllTextAsync(plotly)).Replace("</body></html>", "<script>" + checker + "</script></body></html>", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "bench-labels-" + Guid.NewGuid().ToString("N")[..8] + ".html");
        await File.WriteAllTextAsync(path, html);
        try
        {
            var dom = await HeadlessChromium.DumpDomAsync(path, width);

            var status = StatusPattern().Match(dom);
            Assert.True(status.Success, "no #bench-status in the rendered page");
            Assert.Equal(status.Groups["expected"].Value, status.Groups["drawn"].Value);
            Assert.Equal(string.Empty, status.Groups["errors"].Value);
            var found = ResultPattern().Matches(dom);
            Assert.True(found.Count > 0, "the overlap checker wrote nothing");
            using var result = JsonDocument.Parse(WebUtility.HtmlDecode(found[^1].Groups["json"].Value));
            Assert.Equal(int.Parse(status.Groups["expected"].Value, System.Globalization.CultureInfo.InvariantCulture), result.RootElement.GetProperty("charts").GetInt32());
            Assert.True(result.RootElement.GetProperty("labels").GetInt32() > 20, "too few labels found: the checker's selectors no longer match Plotly's");
            var overlaps = result.RootElement.GetProperty("overlaps").EnumerateArray()
                .Select(o => $"{o.GetProperty("chart").GetString()}: '{o.GetProperty("a").GetString()}' on '{o.GetProperty("b").GetString()}' ({o.GetProperty("kinds").GetString()})").ToList();
            Assert.True(overlaps.Count == 0, $"{overlaps.Count} overlapping label pairs at {width} px:\n" + string.Join('\n', overlaps.Take(20)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("id=\"bench-status\" data-expected=\"(?<expected>\\d+)\" data-drawn=\"(?<drawn>\\d+)\" data-errors=\"(?<errors>[^\"]*)\"")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("<pre id=\"bench-overlaps\">(?<json>[^<]*)</pre>")]
    private static partial Regex ResultPattern();
}

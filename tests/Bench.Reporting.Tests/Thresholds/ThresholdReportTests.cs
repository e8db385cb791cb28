using System.Text.Json.Nodes;
using Bench.Reporting.Html;
using Bench.Reporting.Thresholds;

namespace Bench.Reporting.Tests.Thresholds;

/// <summary>Thresholds in summary.md (golden), in the HTML report, and through results.json and back.</summary>
public sealed class ThresholdReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bench-thresholds-").FullName;

    [Fact]
    public void Summary_lists_each_scenarios_thresholds_with_pass_or_breach()
    {
        GoldenFile.Assert("summary-thresholds", "md", MarkdownSummary.Render(Run()));
    }

    [Fact]
    public void Summary_without_thresholds_has_no_threshold_section()
    {
        var run = Samples.Run("20261121T060000Z-0123456", Samples.Scenario("call.add", 380_000, 2600));

        Assert.DoesNotContain("Thresholds", MarkdownSummary.Render(run), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"thresholds\"", HtmlReport.Render([run], string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_has_a_threshold_table_with_measured_values_and_verdicts()
    {
        var html = HtmlReport.Render([Run()], string.Empty);

        Assert.Contains("<h2 id=\"thresholds\">Thresholds</h2><p class=\"caption\">3 of 5 passed; a breach fails the run (exit 1).", html, StringComparison.Ordinal);
        // WebUtility.HtmlEncode writes µ as &#181;, as everywhere else in the report.
        Assert.Contains("<td><code>p99&lt;20ms</code></td><td class=\"why\">383.7 &#181;s</td><td>✓ pass</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>throughput&gt;3000</code></td><td class=\"why\">2,600/s</td><td class=\"warn\">✗ breach</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"why\">n/a: no request completed ok, so there is no latency to measure</td><td class=\"warn\">✗ breach</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_survive_results_json_and_old_results_load_without_them()
    {
        var run = Run();
        var path = Path.Combine(_directory, "results.json");
        ResultStore.Write(path, run);

        var read = ResultStore.Read(path);
        Assert.Equal(run.Scenarios.SelectMany(s => s.Thresholds), read.Scenarios.SelectMany(s => s.Thresholds));

        // A results file written before thresholds existed: no "thresholds" key at all.
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var scenario in json["scenarios"]!.AsArray())
        {
            Assert.True(scenario!.AsObject().Remove("thresholds"));
        }

        File.WriteAllText(path, json.ToJsonString());
        Assert.All(ResultStore.Read(path).Scenarios, s => Assert.Empty(s.Thresholds));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Two scenarios with thresholds (one passing all, one breaching two) and one without any.</summary>
    private static RunResult Run()
    {
        var timedOut = ThresholdRecords.Call([], issued: 40, failed: 0, timedOut: 40, throughput: 0);
        return Samples.Run("20261121T060000Z-0123456",
            ThresholdCheck.Apply(Samples.Scenario("oslo.call", 380_000, 2600), ThresholdCheck.ParseAll(["p99<20ms", "errors<0.1%", "throughput>3000"])),
            ThresholdCheck.Apply(timedOut, ThresholdCheck.ParseAll(["p99<20ms", "errors<=100%"])),
            Samples.Scenario("raw.call", 280_000, 3000));
    }
}

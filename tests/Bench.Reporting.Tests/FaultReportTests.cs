using System.Text.Json;
using Bench.Reporting.Html;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>
/// Faults and worker events in the report: marked on the timeline panels of the variant they happened in, at their
/// seconds on that panel's x axis; listed in report.html's fault table and in summary.md.
/// </summary>
public sealed class FaultReportTests
{
    private static readonly RunResult s_run = Samples.Run("20261121T060000Z-0123456", Samples.Scenario("raw.call", 280_000, 3000, seconds: 30), Samples.WithFaults());

    private static IReadOnlyList<SweepPoint> Points => [.. Sweep.AllOf(s_run).SelectMany(s => s.Points)];

    [Fact]
    public void Fault_windows_recovery_and_worker_events_are_shapes_on_the_faulted_panels_x_axis_only()
    {
        var (raw, faulted) = PanelAxes("raw.call", "call.add");

        foreach (var figure in new[] { TimelineCharts.Throughput(Points), TimelineCharts.P99(Points) })
        {
            var shapes = figure.Layout.Shapes!;
            Assert.DoesNotContain(shapes, s => s.XRef == raw);
            Assert.All(shapes, s => Assert.Equal((faulted, 0.0, 1.0), (s.XRef, s.Y0, s.Y1)));
            Assert.All(shapes, s => Assert.Equal("y" + faulted[1..] + " domain", s.YRef));
            // broker-restart: a band from 10 s to 16 s, back at 18 s; worker-kill: a line at 22 s, back at 23 s; worker exit and restart.
            List<(string, double, double, string?)> expected =
                [("rect", 10.0, 16.0, null), ("line", 18.0, 18.0, "dash"), ("line", 22.0, 22.0, null), ("line", 23.0, 23.0, "dash"), ("line", 22.1, 22.1, "dot"), ("line", 22.7, 22.7, "dot")];
            Assert.Equal(expected, shapes.Select(s => (s.Type, s.X0, s.X1, s.Line?.Dash)).ToList());
            Assert.Equal("below", shapes[0].Layer);
            var labels = figure.Layout.Annotations!.Where(a => a.XRef == faulted).Select(a => (a.Text, a.X)).ToList();
            Assert.Equal([("broker-restart", 10.0), ("recovered", 18.0), ("worker-kill", 22.0), ("recovered", 23.0), ("worker exited", 22.1), ("worker restarted", 22.7)], labels);
            Assert.Contains("Red bands are fault windows", figure.Caption, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_figure_json_carries_the_band_in_the_panels_coordinates()
    {
        var (_, faulted) = PanelAxes("raw.call", "call.add");
        using var json = JsonDocument.Parse(PlotlyJson.Serialize([TimelineCharts.Throughput(Points)]));
        var shapes = json.RootElement[0].GetProperty("layout").GetProperty("shapes").EnumerateArray().ToList();

        var band = shapes[0];
        Assert.Equal(("rect", 10.0, 16.0, faulted, "y" + faulted[1..] + " domain"),
            (band.GetProperty("type").GetString(), band.GetProperty("x0").GetDouble(), band.GetProperty("x1").GetDouble(), band.GetProperty("xref").GetString(), band.GetProperty("yref").GetString()));
        Assert.StartsWith("rgba(", band.GetProperty("fillcolor").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, shapes.Count);
    }

    [Fact]
    public void A_timeline_without_faults_has_no_shapes_and_its_caption_unchanged()
    {
        var plain = Samples.Run("plain", Samples.Scenario("call.add", 380_000, 2600));
        var figure = TimelineCharts.Throughput([.. Sweep.AllOf(plain).SelectMany(s => s.Points)]);

        Assert.Null(figure.Layout.Shapes);
        Assert.DoesNotContain("fault", figure.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_not_injected_before_the_scenario_ended_is_not_drawn()
    {
        var late = Samples.Scenario("call.add", 380_000, 2600, seconds: 8) with
        {
            Faults = [new FaultRecord { Kind = "broker-kill", Spec = "broker-kill@60s+5s", AtSeconds = 60, Unjudged = "not injected: the scenario ended first" }],
        };
        var figure = TimelineCharts.Throughput([.. Sweep.AllOf(Samples.Run("late", late)).SelectMany(s => s.Points)]);

        Assert.Null(figure.Layout.Shapes);
    }

    [Fact]
    public void The_report_lists_each_fault_worker_event_and_its_figures()
    {
        var html = HtmlReport.Render([s_run], plotlyJs: string.Empty);

        Assert.Contains("<h2 id=\"faults\">Faults and workers</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>broker-restart@10s+6s</code></td><td>10.0</td><td>6.0</td><td>2.0</td><td>2,600</td><td>1,234</td><td>16</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>worker-kill@22s</code></td><td>22.0</td><td>0.0</td><td>1.0</td>", html, StringComparison.Ordinal);
        Assert.Contains("killed worker bench-1 (pid 4242)", html, StringComparison.Ordinal);
        Assert.Contains("<td>bench-1</td><td>restarted</td><td>22.7</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>bench-0</td><td class=\"warn\">exited</td><td>-1.0</td><td class=\"why\">exit code 3</td><td>no</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_faults_has_no_fault_section()
    {
        var html = HtmlReport.Render([Samples.Run("plain", Samples.Scenario("call.add", 380_000, 2600))], plotlyJs: string.Empty);

        Assert.DoesNotContain("id=\"faults\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_lists_faults_and_worker_events()
    {
        GoldenFile.Assert("summary-faults", "md", MarkdownSummary.Render(s_run));
    }

    /// <summary>The x axis of each variant's panel, by scenario id: "x" for the first panel, "x2" for the second, …</summary>
    private static (string, string) PanelAxes(string first, string second)
    {
        var ids = Points.Where(p => p.Scenario.InTimeline).Select(p => p.Id).ToList();
        string Axis(string id) => ids.IndexOf(id) is var i and > 0 ? "x" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "x";
        return (Axis(first), Axis(second));
    }
}

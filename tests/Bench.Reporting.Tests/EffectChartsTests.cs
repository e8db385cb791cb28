using System.Text.Json;
using Bench.Reporting.Html;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>
/// The figures of a two-setting sweep (prefetch × transport) from synthetic results, against the approved JSON in
/// Golden/sweep-figures.approved.json: axes, natural order (unlimited last), lines per transport, heatmaps.
/// </summary>
public sealed class EffectChartsTests
{
    [Fact]
    public void Two_setting_sweep_figures_match_the_approved_json()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport()));

        GoldenFile.Assert("sweep-figures", "json", PlotlyJson.Serialize(EffectCharts.For(sweep, "effect-0"), indented: true));
    }

    [Fact]
    public void Effect_chart_orders_prefetch_naturally_and_draws_one_line_per_transport()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport()));
        using var json = JsonDocument.Parse(PlotlyJson.Serialize(EffectCharts.For(sweep, "effect-0")));
        var figures = json.RootElement.EnumerateArray().ToList();

        Assert.Equal(["effect-0-0", "effect-0-1", "effect-0-heatmap"], figures.Select(f => f.GetProperty("id").GetString()));
        var prefetch = figures[0];
        Assert.Equal(["1", "10", "100", "unlimited"], prefetch.GetProperty("layout").GetProperty("xaxis").GetProperty("categoryarray").EnumerateArray().Select(e => e.GetString()));
        var throughputLines = prefetch.GetProperty("data").EnumerateArray().Where(t => !t.TryGetProperty("yaxis", out _)).ToList();
        Assert.Equal(["reply-queue", "direct"], throughputLines.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["1", "10", "100", "unlimited"], throughputLines[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        var heatmap = figures[2].GetProperty("data")[0];
        Assert.Equal("heatmap", heatmap.GetProperty("type").GetString());
        Assert.Equal(2, heatmap.GetProperty("z").GetArrayLength()); // rows: transports
        Assert.Equal(4, heatmap.GetProperty("z")[0].GetArrayLength()); // columns: prefetch values
        Assert.Equal(["reply-queue", "direct"], heatmap.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Repetitions_draw_error_bars_from_min_to_max_and_a_single_run_draws_none()
    {
        static JsonElement FirstLine(RunResult run)
        {
            var sweep = Assert.Single(Sweep.AllOf(run));
            using var json = JsonDocument.Parse(PlotlyJson.Serialize([EffectCharts.Effect(sweep, sweep.Swept[0], "e")!]));
            return json.RootElement[0].GetProperty("data")[0].Clone();
        }

        Assert.False(FirstLine(SweepSamples.PrefetchByTransport()).TryGetProperty("error_y", out _));
        var bars = FirstLine(SweepSamples.PrefetchByTransport(repetitions: 3)).GetProperty("error_y");
        // prefetch 1 at reply-queue: 1500, 1530, 1560 ok/s → median 1530, +30 / -30.
        Assert.Equal(30, bars.GetProperty("array")[0].GetDouble(), 0.3);
        Assert.Equal(30, bars.GetProperty("arrayminus")[0].GetDouble(), 0.3);
    }

    [Fact]
    public void Rate_sweep_is_drawn_against_the_offered_rate_with_its_knee_marked()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.RateSweep(3000, (1000, 800), (2000, 900), (4000, 5000), (8000, 40000))));

        var figure = Assert.Single(EffectCharts.For(sweep, "rate"));

        Assert.Equal("linear", figure.Layout.XAxis!.Type);
        Assert.Equal(4000, Assert.Single(figure.Layout.Shapes!).X0);
        Assert.Contains(figure.Layout.Annotations!, a => a.Text == "knee 4,000/s");
        Assert.Contains(figure.Data, t => t.Name == "offered");
    }
}

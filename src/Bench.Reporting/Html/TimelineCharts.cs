using System.Globalization;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>
/// Per-second timelines as small multiples: one panel per variant on shared axes, throughput and p99 in separate
/// figures, each repetition its own line. Sixteen variants make a 4 × 4 grid, each panel readable, where sixteen lines
/// in one chart were not. Faults and worker events are marked on the panels of the variant they happened in (<see cref="FaultMarks"/>).
/// </summary>
public static class TimelineCharts
{
    private const double PanelHeight = 150;

    // A panel's title takes a line per part of its label ("raw.cast", "outstanding=8", "requests=200000"), so a quarter
    // of the page never holds a line longer than one setting.
    private const double TitleLineHeight = 14;

    // Said only where a run had faults or worker events: a plain report's captions stay as they were.
    private const string MarksCaption = " Red bands are fault windows (a red line: an instantaneous fault), a dashed green line the first second back at 80% of the ok/s before it, dotted grey lines worker exits and restarts. Each point is drawn at the start of its second.";

    public static Figure Throughput(IReadOnlyList<SweepPoint> points) =>
        Panels(points, "timeline-throughput", "Per-second throughput", "Ok requests each second of the measured window (warm-up excluded), one panel per variant on shared axes; with repetitions, one line each. A steady run is flat.",
            p => p.Throughput, "ok/s", "%{y:,.0f} ok/s at second %{x}", log: false);

    public static Figure P99(IReadOnlyList<SweepPoint> points) =>
        Panels(points, "timeline-p99", "Per-second p99", "Each second's p99 latency (µs, log scale), one panel per variant on shared axes. Spikes that the whole-run p99 averages away show here.",
            p => p.P99Us, "p99 µs", "%{y:,.0f} µs p99 at second %{x}", log: true);

    private static Figure Panels(IReadOnlyList<SweepPoint> points, string id, string title, string caption, Func<TimelineRecord, double> value, string unit, string hover, bool log)
    {
        ArgumentNullException.ThrowIfNull(points);
        // A scenario that runs at millions per second (the harness's own cost) would flatten every real one on shared axes;
        // it says so with its InTimeline flag, and its figures stay in the table.
        var shown = points.Where(p => p.Scenario.InTimeline && p.Repetitions.Any(r => r.Timeline.Count > 0)).ToList();
        var columns = Math.Clamp(shown.Count, 1, 4);
        var rows = Math.Max(1, (shown.Count + columns - 1) / columns);
        var titles = shown.Select(p => p.Label.Split(" · ")).ToList();
        var titleHeight = 12 + (TitleLineHeight * (titles.Count == 0 ? 1 : titles.Max(t => t.Length)));
        var plotHeight = rows * (PanelHeight + titleHeight);
        var traces = new List<Trace>();
        var annotations = new List<Annotation>();
        var shapes = new List<Shape>();
        var axes = new Dictionary<string, object>();
        Axis? firstX = null;
        Axis? firstY = null;
        var reps = shown.Count == 0 ? 1 : shown.Max(p => p.Repetitions.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            var (row, column) = (i / columns, i % columns);
            var n = i == 0 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture);
            double[] xDomain = [(column / (double)columns) + 0.012, ((column + 1) / (double)columns) - 0.012];
            var top = 1 - (row * (PanelHeight + titleHeight) / plotHeight) - (titleHeight / plotHeight);
            double[] yDomain = [Math.Max(0, top - (PanelHeight / plotHeight)), top];
            var x = new Axis { Domain = xDomain, Anchor = "y" + n, Matches = i == 0 ? null : "x", ShowTickLabels = row == rows - 1 || i + columns >= shown.Count, Title = row == rows - 1 && column == 0 ? new Title("second") : null };
            var y = new Axis { Domain = yDomain, Anchor = "x" + n, Matches = i == 0 ? null : "y", ShowTickLabels = column == 0, RangeMode = log ? null : "tozero", TickLabelStandoff = 6, Title = column == 0 && row == 0 ? new Title(unit) : null };
            y = log ? LogTicks.Apply(y, shown.SelectMany(p => p.Repetitions).SelectMany(r => r.Timeline).Select(value), PanelHeight) : y;
            if (i == 0)
            {
                (firstX, firstY) = (x, y);
            }
            else
            {
                axes["xaxis" + n] = x;
                axes["yaxis" + n] = y;
            }

            annotations.Add(new Annotation(string.Join("<br>", titles[i]), (xDomain[0] + xDomain[1]) / 2, top) { Font = new Font("system-ui, sans-serif", 11) });
            FaultMarks.AddTo(shapes, annotations, shown[i].Repetitions, "x" + n, "y" + n + " domain");
            foreach (var rep in shown[i].Repetitions)
            {
                var full = rep.Timeline.Where(p => p.Seconds >= 0.5).ToList();
                traces.Add(new ScatterTrace
                {
                    Name = reps > 1 ? "repetition " + rep.Repetition.ToString(CultureInfo.InvariantCulture) : shown[i].Label,
                    LegendGroup = "rep" + rep.Repetition.ToString(CultureInfo.InvariantCulture),
                    ShowLegend = reps > 1 && i == 0,
                    X = [.. full.Select(p => (object)p.Second)],
                    Y = [.. full.Select(value)],
                    XAxis = i == 0 ? null : "x" + n,
                    YAxis = i == 0 ? null : "y" + n,
                    Line = new Line(Palette.Color(rep.Repetition - 1), 1.5),
                    HoverTemplate = hover + "<extra>" + shown[i].Label + (reps > 1 ? " #" + rep.Repetition.ToString(CultureInfo.InvariantCulture) : string.Empty) + "</extra>",
                });
            }
        }

        return new Figure(id, title, shapes.Count == 0 ? caption : caption + MarksCaption, traces, new Layout
        {
            XAxis = firstX ?? new Axis(),
            YAxis = firstY ?? new Axis(),
            MoreAxes = axes,
            Annotations = annotations,
            Shapes = shapes.Count == 0 ? null : shapes,
            ShowLegend = reps > 1,
            Height = plotHeight + 110,
            Margin = new Margin(70, 20, reps > 1 ? 40 : 10, 60),
            Legend = new Legend("h", 1.02),
        });
    }
}

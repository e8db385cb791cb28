using System.Globalization;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>
/// The charts that answer "what did this setting do": per swept setting, ok/s on top and p50/p99 below against the
/// setting's values in natural order, one line per combination of the other swept settings, error bars from the
/// repetitions' min–max; an open-model rate sweep as the rate–latency curve with its knee; and for a sweep of two
/// settings, heatmaps of ok/s and p99 over both.
/// </summary>
public static class EffectCharts
{
    private static readonly Font s_small = new("system-ui, sans-serif", 11);

    /// <summary>Every effect chart and heatmap of one sweep; <paramref name="prefix"/> keeps figure ids unique in the page.</summary>
    public static List<Figure> For(Sweep sweep, string prefix)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var figures = new List<Figure>();
        foreach (var setting in sweep.WithEffects)
        {
            if (Effect(sweep, setting, prefix + "-" + figures.Count) is { } figure)
            {
                figures.Add(figure);
            }
        }

        if (Heatmaps(sweep, prefix + "-heatmap") is { } heatmaps)
        {
            figures.Add(heatmaps);
        }

        return figures;
    }

    /// <summary>One setting's effect: null when no two variants differ in it alone.</summary>
    public static Figure? Effect(Sweep sweep, SweptSetting setting, string id)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(setting);
        var lines = sweep.Lines(setting);
        if (lines.Count == 0)
        {
            return null;
        }

        var rate = setting.Name == "rate";
        var reps = sweep.Points.Max(p => p.Repetitions.Count);
        var traces = new List<Trace>();
        var shapes = new List<Shape>();
        var annotations = new List<Annotation>
        {
            new(reps > 1 ? F($"ok/s (median of {reps} repetitions; bars: min–max)") : "ok/s", 0, 1, YRef: "paper") { XAnchor = "left", Font = s_small },
            new(rate ? "latency from the intended start (µs): p99 solid, p50 dashed" : "latency (µs): p99 solid, p50 dashed", 0, 0.44, YRef: "paper") { XAnchor = "left", Font = s_small },
        };
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var color = Palette.Color(i);
            var name = line.Label.Length > 0 ? line.Label : sweep.ScenarioId;
            var x = line.Points.Select(p => rate ? (object)(NaturalOrder.Number(Sweep.ValueOf(p, setting.Name)) ?? 0) : Sweep.ValueOf(p, setting.Name)).ToList();
            var keys = line.Points.Select(p => p.FullKey).ToList();
            traces.Add(new ScatterTrace
            {
                Name = name, LegendGroup = name, Mode = "lines+markers", X = x, Y = [.. line.Points.Select(p => p.Throughput.Median)],
                ErrorY = Bars(line.Points, p => p.Throughput), CustomData = keys, Marker = new Marker(color, 8), Line = new Line(color),
                HoverTemplate = "%{y:,.0f} ok/s<br>%{customdata}<extra>" + name + "</extra>",
            });
            traces.Add(Latency(name, "p99", x, line.Points, p => p.P99, keys, new Line(color)));
            traces.Add(Latency(name, "p50", x, line.Points, p => p.P50, keys, new Line(color, Dash: "dash")));
            if (rate && Knee.Find(SweepVerdict.RatePoints(line)) is { } knee)
            {
                shapes.Add(new Shape(knee.Offered, knee.Offered, 0, 1) { Line = new Line(color, 1.5, "dot") });
                annotations.Add(new Annotation(F($"knee {knee.Offered:N0}/s") + (lines.Count > 1 ? " · " + name : string.Empty), knee.Offered, 1 - (0.05 * i), "x", "paper") { XAnchor = "left", YAnchor = "top", Font = s_small });
            }
        }

        if (rate)
        {
            // The achieved rate can only meet the offered one: the diagonal shows where it stops keeping up.
            var offered = lines.SelectMany(l => l.Points).Select(p => NaturalOrder.Number(p.Settings["rate"]) ?? 0).Distinct().Order().Select(v => (object)v).ToList();
            traces.Add(new ScatterTrace { Name = "offered", X = offered, Y = [.. offered.Select(o => (double)o)], Line = new Line("#999", 1, "dot"), HoverTemplate = "offered %{x:,.0f}/s<extra></extra>" });
        }

        var xTitle = new Title(rate ? "offered rate (requests/s)" : setting.Name);
        var categories = rate ? null : setting.Values;
        return new Figure(id, rate ? F($"{sweep.ScenarioId}: rate against latency") : F($"{sweep.ScenarioId}: effect of {setting.Name}"),
            rate
                ? "Achieved ok/s against the offered arrival rate (top; the dotted diagonal is the offered rate) and latency from each request's intended start (below). The knee (dotted vertical) is the first rate where p99 is more than twice its value at the lowest rate, or ok/s falls more than 5% short of the offered rate."
                : F($"{setting.Name} on the x axis in natural order (numbers ascending, unlimited last); ") + (lines.Count > 1 || lines[0].Label.Length > 0 ? "one line per combination of the other swept settings; " : string.Empty) + "ok/s on top, p99 (solid) and p50 (dashed) below. Hover a point for its full settings.",
            traces, new Layout
            {
                XAxis = new Axis { Anchor = "y", Type = rate ? "linear" : "category", CategoryOrder = rate ? null : "array", CategoryArray = categories, ShowTickLabels = false },
                YAxis = new Axis { Domain = [0.56, 0.95], Title = new Title("ok/s"), RangeMode = "tozero", HoverFormat = ",.0f" },
                MoreAxes = new()
                {
                    ["xaxis2"] = new Axis { Anchor = "y2", Matches = "x", Type = rate ? "linear" : "category", CategoryOrder = rate ? null : "array", CategoryArray = categories, Title = xTitle },
                    ["yaxis2"] = LatencyAxis(lines),
                },
                Annotations = annotations,
                Shapes = shapes.Count > 0 ? shapes : null,
                Height = 560,
                Margin = new Margin(70, 20, 30, 90),
                Legend = new Legend("h", -0.2),
            });
    }

    /// <summary>ok/s and p99 over both settings of a two-setting sweep, each cell labelled; null for any other sweep.</summary>
    public static Figure? Heatmaps(Sweep sweep, string id)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        // Two settings that every variant has: closed against open model (outstanding × rate) is no grid to colour.
        if (sweep.Swept.Count != 2 || sweep.Swept.Any(s => s.Values.Contains(Sweep.Missing) || !sweep.IsAsked(s)))
        {
            return null;
        }

        var (across, down) = (sweep.Swept[0], sweep.Swept[1]);
        SweepPoint? At(string a, string d) => sweep.Points.FirstOrDefault(p => Sweep.ValueOf(p, across.Name) == a && Sweep.ValueOf(p, down.Name) == d);
        HeatmapTrace Map(Func<SweepPoint, double> value, string format, string scale, bool reverse, string axis) => new()
        {
            X = across.Values,
            Y = down.Values,
            Z = [.. down.Values.Select(d => (IReadOnlyList<double?>)[.. across.Values.Select(a => At(a, d) is { } p ? value(p) : (double?)null)])],
            Text = [.. down.Values.Select(d => (IReadOnlyList<string>)[.. across.Values.Select(a => At(a, d) is { } p ? value(p).ToString(format, CultureInfo.InvariantCulture) : "not run")])],
            TextTemplate = "%{text}",
            ColorScale = scale,
            ReverseScale = reverse ? true : null,
            ShowScale = false,
            XAxis = axis == "1" ? null : "x" + axis,
            YAxis = axis == "1" ? null : "y" + axis,
            HoverTemplate = across.Name + "=%{x} · " + down.Name + "=%{y}: %{text}<extra></extra>",
        };
        Axis Across(double[] domain, string anchor) => new() { Domain = domain, Anchor = anchor, Type = "category", CategoryOrder = "array", CategoryArray = across.Values, Title = new Title(across.Name) };
        Axis Down(string anchor) => new() { Anchor = anchor, Type = "category", CategoryOrder = "array", CategoryArray = down.Values, Title = new Title(down.Name), AutoRange = "reversed" };
        return new Figure(id, F($"{sweep.ScenarioId}: {across.Name} × {down.Name}"),
            "Median ok/s (left; darker is more) and p99 in µs (right; darker is slower) for every combination of the two swept settings.",
            // Plotly's "Greens" runs dark to light and its "Reds" light to dark: reversed, both are darker for more.
            [Map(p => p.Throughput.Median, "N0", "Greens", true, "1"), Map(p => p.P99.Median, "N0", "Reds", false, "2")],
            new Layout
            {
                XAxis = Across([0, 0.46], "y"),
                YAxis = Down("x"),
                MoreAxes = new() { ["xaxis2"] = Across([0.54, 1], "y2"), ["yaxis2"] = Down("x2") },
                Annotations =
                [
                    new("ok/s", 0.23, 1) { Font = s_small },
                    new("p99 (µs)", 0.77, 1) { Font = s_small },
                ],
                Height = 140 + (45 * down.Values.Count),
                Margin = new Margin(90, 20, 30, 60),
            });
    }

    /// <summary>Log scale only when the latencies span more than a factor of 20 (a rate sweep past its knee): else linear from zero, where a change reads as its size.</summary>
    private static Axis LatencyAxis(List<SweepLine> lines)
    {
        var values = lines.SelectMany(l => l.Points).SelectMany(p => new[] { p.P50.Min, p.P99.Max }).Where(v => v > 0).ToList();
        var log = values.Count > 0 && values.Max() > 20 * values.Min();
        var axis = new Axis { Domain = [0, 0.39], Title = new Title("µs"), Type = "linear", RangeMode = "tozero", Anchor = "x2", HoverFormat = ",.0f" };
        return log ? LogTicks.Apply(axis with { RangeMode = null }, values, pixels: 180) : axis;
    }

    private static ScatterTrace Latency(string name, string percentile, List<object> x, IReadOnlyList<SweepPoint> points, Func<SweepPoint, Spread> value, List<string> keys, Line line) => new()
    {
        Name = name + " " + percentile,
        LegendGroup = name,
        ShowLegend = false,
        Mode = "lines+markers",
        X = x,
        Y = [.. points.Select(p => value(p).Median)],
        ErrorY = Bars(points, value),
        XAxis = "x2",
        YAxis = "y2",
        CustomData = keys,
        Line = line,
        Marker = new Marker(line.Color, 6),
        HoverTemplate = percentile + " %{y:,.0f} µs<br>%{customdata}<extra>" + name + "</extra>",
    };

    /// <summary>Error bars only where some variant has more than one repetition: with one there is no spread to show.</summary>
    private static ErrorBar? Bars(IReadOnlyList<SweepPoint> points, Func<SweepPoint, Spread> value) =>
        points.Any(p => p.Repetitions.Count > 1) ? new ErrorBar([.. points.Select(p => value(p).Above)], [.. points.Select(p => value(p).Below)]) : null;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Bench.Load;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>
/// The report's per-variant charts, each a <see cref="Figure"/> built from stored results only: the seed's "stock"
/// chart, latency percentile curves, CPU per request, and trends across revisions (sweeps: <see cref="EffectCharts"/>,
/// timelines: <see cref="TimelineCharts"/>).
/// </summary>
public static class ReportCharts
{
    private static readonly double[] s_percentiles = [50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99];

    /// <summary>
    /// Where each variant sits on the x axis of the per-variant charts: a group (the scenario; for a sweep that varies
    /// one knob at a time, like the Celery suite, the scenario and knob, a variant appearing under every knob it
    /// belongs to) and its short label within the group.
    /// </summary>
    public static List<(string Group, SweepPoint Point)> Groups(IReadOnlyList<Sweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var groups = new List<(string, SweepPoint)>();
        foreach (var sweep in sweeps)
        {
            // Split by knob only where the knobs are the question (the default suite's built-in variants are not).
            var byKnob = sweep.IsSweep && !sweep.IsGrid && sweep.Swept.Any(sweep.IsAsked)
                ? sweep.Swept.Select(s => (s.Name, Points: sweep.Lines(s).SelectMany(l => l.Points).ToList())).Where(k => k.Points.Count > 0).ToList()
                : [];
            if (byKnob.Count == 0)
            {
                groups.AddRange(sweep.Points.Select(p => (sweep.ScenarioId, p)));
                continue;
            }

            groups.AddRange(byKnob.SelectMany(k => k.Points.Select(p => (sweep.ScenarioId + ": " + k.Name, p))));
            // Variants on no knob's line (two settings changed at once) still get their box.
            var shown = byKnob.SelectMany(k => k.Points).ToHashSet();
            groups.AddRange(sweep.Points.Where(p => !shown.Contains(p)).Select(p => (sweep.ScenarioId + ": other", p)));
        }

        return groups;
    }

    /// <summary>
    /// The seed's chart (the Celery benchmark post's "stock chart"): per variant a whisker from min to max, a box for
    /// mean ± stddev with the median drawn in it, and p99 marked, on a log axis so variants sit side by side.
    /// </summary>
    public static Figure Stock(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var variants = groups.Select(g => g.Point).ToList();
        var x = Categories(groups);
        var traces = new List<Trace>
        {
            new BoxTrace
            {
                Name = "min–max, mean ± sd, median",
                X = x,
                LowerFence = [.. variants.Select(v => Math.Max(v.Latency.MinUs, 0.001))],
                Q1 = [.. variants.Select(v => Math.Max(v.Latency.MeanUs - v.Latency.StdDevUs, Math.Max(v.Latency.MinUs, 0.001)))],
                Median = [.. variants.Select(v => v.Latency.P50Us)],
                Q3 = [.. variants.Select(v => Math.Min(v.Latency.MeanUs + v.Latency.StdDevUs, v.Latency.MaxUs))],
                UpperFence = [.. variants.Select(v => v.Latency.MaxUs)],
                Mean = [.. variants.Select(v => v.Latency.MeanUs)],
                Marker = new Marker("#4c78a8"),
            },
            new ScatterTrace
            {
                Name = "p99", Mode = "markers", X = x, Y = [.. variants.Select(v => v.Latency.P99Us)], Marker = new Marker("#e45756", 10, "diamond"),
                CustomData = [.. variants.Select(v => v.FullKey)], HoverTemplate = "p99 %{y:,.0f} µs<br>%{customdata}<extra></extra>",
            },
            new ScatterTrace { Name = "median (p50)", Mode = "markers", X = x, Y = [.. variants.Select(v => v.Latency.P50Us)], Marker = new Marker("#222", 7, "line-ew-open") },
        };
        return new Figure("stock", "Latency per variant",
            "Whiskers run from min to max, the box spans mean ± stddev (exact, from running sums), the line and dash mark the median; the diamond is p99. Calls: round trip; casts: send to arrival at the worker.",
            traces, GroupedLayout(groups, LogTicks.Apply(new Axis { Title = new Title("latency (µs)") }, variants.SelectMany(v => new[] { v.Latency.MinUs, v.Latency.MaxUs }), pixels: 380), 600));
    }

    /// <summary>Latency against percentile on a log scale of 1/(1−p), one line per variant; raw (service time) dashed where it differs.</summary>
    public static Figure Percentiles(IReadOnlyList<SweepPoint> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var traces = new List<Trace>();
        foreach (var v in variants)
        {
            var corrected = v.Latency.Histogram.ToHistogram();
            if (corrected.Count == 0)
            {
                continue;
            }

            traces.Add(Curve(v.Label, corrected, null, v.Label));
            if (v.Scenario.Model == "open" && v.Scenario.OneWay is null)
            {
                traces.Add(Curve(v.Label + " (raw)", v.Scenario.Latency.Raw.Histogram.ToHistogram(), "dash", v.Label));
            }
        }

        var ticks = new[] { 50, 90, 99, 99.9, 99.99 };
        return new Figure("percentiles", "Latency percentiles",
            "Each line is a latency distribution from its stored histogram. The x axis is 1/(1−p) on a log scale, so the tail gets the room it needs. Open-model runs show the corrected latency (from each request's intended start) solid and the raw service time dashed: where they part, requests queued in the generator.",
            traces, new Layout
            {
                XAxis = new Axis { Title = new Title("percentile"), Type = "log", TickVals = [.. ticks.Select(p => 1 / (1 - (p / 100)))], TickText = [.. ticks.Select(p => p.ToString(CultureInfo.InvariantCulture) + "%")] },
                YAxis = LogTicks.Apply(new Axis { Title = new Title("latency (µs)") }, traces.OfType<ScatterTrace>().SelectMany(t => t.Y), pixels: 300),
                Height = 480,
            });
    }

    /// <summary>CPU microseconds per request of the client, worker(s) and broker, stacked per variant.</summary>
    public static Figure Cost(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var shownGroups = groups.Where(g => g.Point.Scenario.Cost.Count > 0 && g.Point.Scenario.InTimeline).ToList();
        var shown = shownGroups.Select(g => g.Point).ToList();
        var x = Categories(shownGroups);
        var traces = new List<Trace>();
        foreach (var (process, color) in new[] { ("client", "#4c78a8"), ("worker", "#f58518"), ("broker", "#54a24b") })
        {
            traces.Add(new BarTrace
            {
                Name = process,
                X = x,
                Y = [.. shown.Select(v => Spread.Of(v.Repetitions.Select(r => r.Cost.Where(c => c.Process.StartsWith(process, StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest))).Median)],
                Marker = new Marker(color),
            });
        }

        return new Figure("cost", "CPU per request",
            "User + system CPU each process spent during the measured window, divided by completed requests. On two cores the broker competes with the load generator for the same CPU.",
            traces, GroupedLayout(shownGroups, new Axis { Title = new Title("CPU µs per request") }, 540) with { BarMode = "stack" });
    }

    /// <summary>
    /// Where a call's round trip went, per variant: a stacked bar of the mean of each hop (repetitions merged, not
    /// averaged), so a prefetch or concurrency comparison shows which hop moved. Null when no variant has hops.
    /// </summary>
    public static Figure? Hops(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var shownGroups = groups.Where(g => g.Point.Scenario.Hops.Count > 0).ToList();
        if (shownGroups.Count == 0)
        {
            return null;
        }

        var x = Categories(shownGroups);
        var names = shownGroups[0].Point.Scenario.Hops.Select(h => h.Name).ToList();
        var traces = new List<Trace>();
        foreach (var (name, index) in names.Select((n, i) => (n, i)))
        {
            traces.Add(new BarTrace
            {
                Name = name,
                X = x,
                Y = [.. shownGroups.Select(g => HopSummary.Merged(g.Point.Repetitions, name).Mean / 1000.0)],
                Marker = new Marker(Palette.Color(index)),
            });
        }

        return new Figure("hops", "Where a call's time went",
            "Mean time of each hop of a call, stacked: client send to worker receipt (client library, broker, queue), waiting in the worker (handler slots, ack, parsing), the handler, writing the reply, and the reply back to the client. Bench-only timestamps on one host's monotonic clock; the bars add up to the mean round trip less the client's own scheduling.",
            traces, GroupedLayout(shownGroups, new Axis { Title = new Title("mean µs per call") }, 540) with { BarMode = "stack" });
    }

    /// <summary>p50, p99 and throughput of each scenario across recorded revisions (history), oldest first.</summary>
    public static Figure? Trend(IReadOnlyList<History.HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 2)
        {
            return null;
        }

        var traces = new List<Trace>();
        var keys = history.SelectMany(h => h.Scenarios.Select(s => (s.Id, s.SettingsKey))).Distinct().ToList();
        foreach (var (id, key) in keys)
        {
            var points = history.Select(h => (h, s: h.Scenarios.FirstOrDefault(s => s.Id == id && s.SettingsKey == key))).Where(p => p.s is not null).ToList();
            var label = id + (keys.Count(k => k.Id == id) > 1 ? " #" + (keys.Where(k => k.Id == id).ToList().IndexOf((id, key)) + 1) : string.Empty);
            var x = points.Select(p => (object)(p.h.Date + " " + p.h.ShortSha)).ToList();
            traces.Add(new ScatterTrace { Name = label + " p50", Mode = "lines+markers", X = x, Y = [.. points.Select(p => p.s!.P50Us)], LegendGroup = label });
            traces.Add(new ScatterTrace { Name = label + " ok/s", Mode = "lines+markers", X = x, Y = [.. points.Select(p => p.s!.Throughput)], YAxis = "y2", LegendGroup = label, Line = new Line(Dash: "dot") });
        }

        return new Figure("trend", "Trend across revisions",
            "Each recorded revision (results/history): p50 (solid, left) and ok/s (dotted, right) per scenario and settings.",
            traces, new Layout
            {
                XAxis = new Axis { Type = "category", Title = new Title("revision") },
                YAxis = new Axis { Title = new Title("p50 (µs)"), Type = "log" },
                YAxis2 = new Axis { Title = new Title("ok/s"), Overlaying = "y", Side = "right" },
            });
    }

    /// <summary>
    /// The x categories: each variant's short label a line per part (what differs from the common settings), under its
    /// scenario's name where the chart holds several; in a knob's group, that knob's value ("acksLate=true"). Lines, not
    /// one long string, so Plotly can keep labels apart by turning them; made unique with zero-width spaces where a
    /// variant appears under two knobs (Plotly would merge equal categories). Full settings are on hover and in the table.
    /// </summary>
    private static List<object> Categories(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var scenarios = groups.Select(g => g.Point.Id).Distinct(StringComparer.Ordinal).Count();
        return [.. groups.Select(g =>
        {
            var tick = Tick(g.Group, g.Point, scenarios > 1);
            return (object)(tick + new string('\u200b', seen[tick] = seen.GetValueOrDefault(tick, -1) + 1));
        })];
    }

    private static string Tick(string group, SweepPoint point, bool named)
    {
        var knob = group.StartsWith(point.Id + ": ", StringComparison.Ordinal) ? group[(point.Id.Length + 2)..] : null;
        var parts = knob is not null && knob != "other" ? [knob + "=" + Sweep.ValueOf(point, knob)] : point.ShortLabel.Split(" · ").ToList();
        if (named && parts[0] != point.Id)
        {
            parts.Insert(0, point.Id);
        }

        return string.Join("<br>", parts);
    }

    /// <summary>One category per variant, groups split by dotted lines.</summary>
    private static Layout GroupedLayout(IReadOnlyList<(string Group, SweepPoint Point)> groups, Axis yAxis, double height) => new()
    {
        YAxis = yAxis,
        XAxis = new Axis { Type = "category" },
        Height = height,
        Shapes = GroupLines(groups),
        // Above the plot: below it, the legend would sit on the slanted labels of many variants.
        Legend = new Legend("h", 1.08),
        Margin = new Margin(60, 20, 50, 40),
    };

    private static List<(string Group, int First, int Last)> Runs(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        var runs = new List<(string, int, int)>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (runs.Count > 0 && runs[^1].Item1 == groups[i].Group)
            {
                runs[^1] = (runs[^1].Item1, runs[^1].Item2, i);
            }
            else
            {
                runs.Add((groups[i].Group, i, i));
            }
        }

        return runs;
    }

    private static List<Shape>? GroupLines(IReadOnlyList<(string Group, SweepPoint Point)> groups)
    {
        var runs = Runs(groups);
        return runs.Count < 2 ? null : [.. runs.Skip(1).Select(r => new Shape(r.First - 0.5, r.First - 0.5, 0, 1) { Line = new Line("#bbb", 1, "dot") })];
    }

    private static ScatterTrace Curve(string name, LatencyHistogram histogram, string? dash, string group) => new()
    {
        Name = name,
        LegendGroup = group,
        Mode = "lines+markers",
        X = [.. s_percentiles.Select(p => (object)(1 / (1 - (p / 100))))],
        Y = [.. s_percentiles.Select(p => histogram.ValueAtPercentile(p) / 1000.0)],
        Text = [.. s_percentiles.Select(p => "p" + p.ToString(CultureInfo.InvariantCulture))],
        HoverTemplate = "%{text}: %{y:.1f} µs",
        Line = new Line(Dash: dash),
    };
}

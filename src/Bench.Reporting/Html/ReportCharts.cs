using System.Globalization;
using Bench.Load;
using Bench.Reporting.Plotly;

namespace Bench.Reporting.Html;

/// <summary>
/// The report's charts, each a <see cref="Figure"/> built from stored results only: the seed's "stock" chart, latency
/// percentile curves, rate against latency, per-second timelines, CPU per request, and trends across revisions.
/// </summary>
public static class ReportCharts
{
    private static readonly double[] s_percentiles = [50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99];

    /// <summary>A scenario measurement with the short label it is shown under.</summary>
    public sealed record Variant(string Label, RunResult Run, ScenarioRecord Scenario)
    {
        public LatencyRecord Latency => Scenario.OneWay ?? Scenario.Latency.Corrected;
    }

    /// <summary>
    /// Short labels: the scenario id, plus only the settings that differ among that scenario's variants ("model" is
    /// implied by outstanding/rate), plus the run when several runs are shown.
    /// </summary>
    public static List<Variant> Variants(IReadOnlyList<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var all = runs.SelectMany(r => r.Scenarios.Select(s => (Run: r, Scenario: s))).ToList();
        var varyingById = all.GroupBy(x => x.Scenario.Id).ToDictionary(
            g => g.Key,
            g => g.SelectMany(x => x.Scenario.Settings.Keys).Distinct()
                .Where(k => k != "model" && g.Select(x => x.Scenario.Settings.GetValueOrDefault(k, "")).Distinct().Count() > 1)
                .Order(StringComparer.Ordinal).ToList());
        var multipleRuns = runs.Count > 1;
        return [.. all.Select(x => new Variant(
            string.Join(' ', new[] { x.Scenario.Id }
                .Concat(varyingById[x.Scenario.Id].Where(x.Scenario.Settings.ContainsKey).Select(k => k + "=" + x.Scenario.Settings[k]))
                .Concat(multipleRuns ? [EnvironmentProbe.ShortSha(x.Run.Environment) + "@" + x.Run.StartedAt.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture)] : [])),
            x.Run, x.Scenario))];
    }

    /// <summary>
    /// The seed's chart (the Celery benchmark post's "stock chart"): per variant a whisker from min to max, a box for
    /// mean ± stddev with the median drawn in it, and p99 marked, on a log axis so variants sit side by side.
    /// </summary>
    public static Figure Stock(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var x = variants.Select(v => (object)v.Label).ToList();
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
            new ScatterTrace { Name = "p99", Mode = "markers", X = x, Y = [.. variants.Select(v => v.Latency.P99Us)], Marker = new Marker("#e45756", 10, "diamond") },
            new ScatterTrace { Name = "median (p50)", Mode = "markers", X = x, Y = [.. variants.Select(v => v.Latency.P50Us)], Marker = new Marker("#222", 7, "line-ew-open") },
        };
        return new Figure("stock", "Latency per variant",
            "Whiskers run from min to max, the box spans mean ± stddev (exact, from running sums), the line and dash mark the median; the diamond is p99. Calls: round trip; casts: send to arrival at the worker.",
            traces, new Layout { YAxis = new Axis { Title = new Title("latency (µs)"), Type = "log" }, XAxis = new Axis { Type = "category" }, Height = 520 });
    }

    /// <summary>Latency against percentile on a log scale of 1/(1−p), one line per variant; raw (service time) dashed where it differs.</summary>
    public static Figure Percentiles(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var traces = new List<Trace>();
        foreach (var v in variants)
        {
            var corrected = (v.Scenario.OneWay ?? v.Scenario.Latency.Corrected).Histogram.ToHistogram();
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
                YAxis = new Axis { Title = new Title("latency (µs)"), Type = "log" },
                Height = 480,
            });
    }

    /// <summary>Rate against p50 and p99 for open-model variants of one scenario and settings that differ only in rate; null when nothing was swept.</summary>
    public static Figure? RateLatency(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var groups = variants.Where(v => v.Scenario.Model == "open")
            .GroupBy(v => v.Scenario.Id + " " + string.Join(' ', v.Scenario.Settings.Where(kv => kv.Key != "rate").Select(kv => kv.Value)))
            .Where(g => g.Select(v => v.Scenario.Settings["rate"]).Distinct().Count() > 1)
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var traces = new List<Trace>();
        foreach (var group in groups)
        {
            var points = group.OrderBy(v => double.Parse(v.Scenario.Settings["rate"], CultureInfo.InvariantCulture)).ToList();
            var name = points[0].Scenario.Id;
            var x = points.Select(v => (object)double.Parse(v.Scenario.Settings["rate"], CultureInfo.InvariantCulture)).ToList();
            traces.Add(new ScatterTrace { Name = name + " p50", Mode = "lines+markers", X = x, Y = [.. points.Select(v => v.Latency.P50Us)], LegendGroup = name });
            traces.Add(new ScatterTrace { Name = name + " p99", Mode = "lines+markers", X = x, Y = [.. points.Select(v => v.Latency.P99Us)], LegendGroup = name, Line = new Line(Dash: "dash") });
            traces.Add(new ScatterTrace { Name = name + " achieved ok/s", Mode = "markers", X = x, Y = [.. points.Select(v => v.Scenario.Throughput)], YAxis = "y2", LegendGroup = name, Marker = new Marker(Symbol: "x") });
        }

        return new Figure("rate-latency", "Rate against latency",
            "Open-model runs at several arrival rates: latency from the intended start (p50 solid, p99 dashed) and the ok/s achieved (crosses, right axis). Where latency turns up, the system has reached its capacity.",
            traces, new Layout
            {
                XAxis = new Axis { Title = new Title("offered rate (requests/s)") },
                YAxis = new Axis { Title = new Title("latency (µs)"), Type = "log" },
                YAxis2 = new Axis { Title = new Title("ok/s"), Overlaying = "y", Side = "right" },
            });
    }

    /// <summary>Per-second throughput (left) and p99 (right) of every variant.</summary>
    public static Figure Timeline(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var traces = new List<Trace>();
        // harness.null runs at millions per second: on the same axis it would flatten every real scenario (its figures are in the table).
        foreach (var v in variants.Where(v => v.Scenario.Timeline.Count > 0 && v.Scenario.Id != "harness.null"))
        {
            var full = v.Scenario.Timeline.Where(p => p.Seconds >= 0.5).ToList();
            var x = full.Select(p => (object)p.Second).ToList();
            traces.Add(new ScatterTrace { Name = v.Label + " ok/s", X = x, Y = [.. full.Select(p => p.Throughput)], LegendGroup = v.Label });
            traces.Add(new ScatterTrace { Name = v.Label + " p99", X = x, Y = [.. full.Select(p => p.P99Us)], YAxis = "y2", LegendGroup = v.Label, Line = new Line(Dash: "dot") });
        }

        return new Figure("timeline", "Per-second timeline",
            "Throughput each second (solid, left axis) and that second's p99 (dotted, right axis). A steady run is flat; warm-up is not shown (it is excluded from every figure).",
            traces, new Layout
            {
                XAxis = new Axis { Title = new Title("second of the measured window") },
                YAxis = new Axis { Title = new Title("ok/s"), RangeMode = "tozero" },
                YAxis2 = new Axis { Title = new Title("p99 (µs)"), Overlaying = "y", Side = "right", Type = "log" },
                Height = 480,
            });
    }

    /// <summary>CPU microseconds per request of the client, worker(s) and broker, stacked per variant.</summary>
    public static Figure Cost(IReadOnlyList<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var shown = variants.Where(v => v.Scenario.Cost.Count > 0 && v.Scenario.Id != "harness.null").ToList();
        var x = shown.Select(v => (object)v.Label).ToList();
        var traces = new List<Trace>();
        foreach (var (process, color) in new[] { ("client", "#4c78a8"), ("worker", "#f58518"), ("broker", "#54a24b") })
        {
            traces.Add(new BarTrace
            {
                Name = process,
                X = x,
                Y = [.. shown.Select(v => v.Scenario.Cost.Where(c => c.Process.StartsWith(process, StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest))],
                Marker = new Marker(color),
            });
        }

        return new Figure("cost", "CPU per request",
            "User + system CPU each process spent during the measured window, divided by completed requests. On two cores the broker competes with the load generator for the same CPU.",
            traces, new Layout { BarMode = "stack", YAxis = new Axis { Title = new Title("CPU µs per request") }, XAxis = new Axis { Type = "category" }, Height = 460 });
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

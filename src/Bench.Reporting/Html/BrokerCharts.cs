using System.Globalization;
using Bench.Reporting.Broker;
using Bench.Reporting.Plotly;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Html;

/// <summary>
/// The broker's view in the report: per-second panels of queue depth and consumer utilisation laid out like the ok/s
/// and p99 timelines above them (same panels, same seconds, same fault marks), and per sweep, mean depth and
/// utilisation against each swept setting's values beside its effect chart.
/// </summary>
public static class BrokerCharts
{
    /// <summary>Depth and utilisation panels; none when no variant has a broker view.</summary>
    public static IEnumerable<Figure> Timelines(IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!points.Any(p => p.Repetitions.Any(r => r.Broker is not null)))
        {
            yield break;
        }

        yield return TimelineCharts.Panels(points, "timeline-broker-depth", "Queue depth (the broker's view)",
            "Messages ready in the scenario's queues each second, read from RabbitMQ's Prometheus endpoint (drain included, warm-up left out), one panel per variant like the timelines above. Missing points are seconds whose scrape failed.",
            r => Series(r, s => s.Ready), "ready", "%{y:,.1f} ready at second %{x:.0f}", log: false);
        yield return TimelineCharts.Panels(points, "timeline-broker-utilisation", "Consumer utilisation (the broker's view)",
            "RabbitMQ's consumer utilisation (%) each second: the share of time the queue could hand a message to a consumer at once. Low means the consumers were the limit (busy, or held back by prefetch).",
            r => Series(r, s => s.Utilisation is { } u ? u * 100 : double.NaN), "utilisation %", "%{y:.0f}% at second %{x:.0f}", log: false);
    }

    /// <summary>Per swept setting, the variants' mean ready and mean utilisation (repetitions combined exactly).</summary>
    public static IEnumerable<Figure> Effects(Sweep sweep, string prefix)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (!sweep.Points.Any(p => p.Repetitions.Any(r => r.Broker is not null)))
        {
            yield break;
        }

        var n = 0;
        foreach (var setting in sweep.Swept)
        {
            var lines = sweep.Lines(setting);
            if (lines.Count == 0 || setting.Name == "rate")
            {
                continue;
            }

            var traces = new List<Trace>();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var name = line.Label.Length > 0 ? line.Label : sweep.ScenarioId;
                var summaries = line.Points.Select(p => (Point: p, Summary: BrokerVariant.Summary(p.Repetitions))).Where(x => x.Summary is not null).ToList();
                var x = summaries.Select(s => (object)Sweep.ValueOf(s.Point, setting.Name)).ToList();
                var color = Palette.Color(i);
                traces.Add(new ScatterTrace
                {
                    Name = name + " · mean ready", LegendGroup = name, Mode = "lines+markers", X = x, Y = [.. summaries.Select(s => s.Summary!.MeanReady)],
                    Marker = new Marker(color, 8), Line = new Line(color), HoverTemplate = "%{y:,.1f} ready on average<extra>" + name + "</extra>",
                });
                traces.Add(new ScatterTrace
                {
                    Name = name + " · utilisation %", LegendGroup = name, Mode = "lines+markers", X = x, Y = [.. summaries.Select(s => (s.Summary!.MeanUtilisation ?? double.NaN) * 100)],
                    YAxis = "y2", Marker = new Marker(color, 6), Line = new Line(color, Dash: "dash"), HoverTemplate = "%{y:.0f}% consumer utilisation<extra>" + name + "</extra>",
                });
            }

            yield return new Figure(prefix + "-" + (n++).ToString(CultureInfo.InvariantCulture), $"{sweep.ScenarioId}: the broker's view of {setting.Name}",
                $"Mean messages ready in the scenario's queues (solid, left) and RabbitMQ's mean consumer utilisation (dashed, right) per value of {setting.Name}, over the measured seconds of every repetition. Ready messages with low utilisation: the consumers were the limit.",
                traces, new Layout
                {
                    XAxis = new Axis { Type = "category", CategoryOrder = "array", CategoryArray = setting.Values, Title = new Title(setting.Name) },
                    YAxis = new Axis { Title = new Title("mean ready"), RangeMode = "tozero" },
                    YAxis2 = new Axis { Title = new Title("utilisation %"), Overlaying = "y", Side = "right", RangeMode = "tozero" },
                    Height = 360,
                    Margin = new Margin(70, 70, 30, 90),
                    Legend = new Legend("h", -0.3),
                });
        }
    }

    // Measured and drain seconds, each drawn at the start of the second it covers (a tick at 3.0 s covers 2–3 s), as the timeline is.
    private static IReadOnlyList<(double X, double Y)> Series(ScenarioRecord record, Func<BrokerSecondRecord, double> value) =>
        record.Broker is not { } broker ? []
            : [.. broker.Seconds.Where(s => s.Phase != BrokerPhases.WarmUp && s.At >= 0.5).Select(s => (Math.Round(s.At - 1, 3), s.Gap ? double.NaN : value(s)))];
}

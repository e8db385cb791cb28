using System.Globalization;
using Bench.Reporting.Plotly;

namespace Bench.Reporting.Html;

/// <summary>
/// What happened to a variant's run, drawn on its timeline panel: each fault's window as a shaded band (an instantaneous
/// one, connection-close or worker-kill, as a line) labelled with its kind, the first second back at 80% of the ok/s
/// before it as a dashed line, and each worker exit, restart or give-up as a dotted line with its name. All share the
/// timeline's clock (seconds from the start of measurement), so they sit where the dip is.
/// </summary>
internal static class FaultMarks
{
    public const string FaultColor = "#e45756";
    public const string RecoveryColor = "#54a24b";
    public const string WorkerColor = "#666";

    private const string Band = "rgba(228,87,86,0.15)";

    /// <param name="shapes">Where the shapes go.</param>
    /// <param name="annotations">Where their labels go.</param>
    /// <param name="repetitions">The variant's runs: each repetition's faults on the one panel, numbered when there are several.</param>
    /// <param name="xRef">The panel's x axis ("x", "x2", …): the fault's seconds are its data coordinates.</param>
    /// <param name="yRef">The panel's y domain ("y domain", "y2 domain"): a band spans the panel's height, whatever its scale.</param>
    public static void AddTo(List<Shape> shapes, List<Annotation> annotations, IReadOnlyList<ScenarioRecord> repetitions, string xRef, string yRef)
    {
        foreach (var rep in repetitions)
        {
            // A fault not injected because the scenario ended first lies past the timeline: the table lists it, the chart does not.
            var end = rep.Timeline.Count == 0 ? 0 : rep.Timeline.Max(p => p.Second + p.Seconds);
            var suffix = repetitions.Count > 1 ? " #" + rep.Repetition.ToString(CultureInfo.InvariantCulture) : string.Empty;
            foreach (var fault in rep.Faults.Where(f => f.AtSeconds <= end))
            {
                var to = fault.AtSeconds + fault.DurationSeconds;
                shapes.Add(fault.DurationSeconds > 0
                    ? new Shape(fault.AtSeconds, to, 0, 1, xRef, yRef) { Type = "rect", FillColor = Band, Line = new Line(Width: 0), Layer = "below" }
                    : new Shape(fault.AtSeconds, fault.AtSeconds, 0, 1, xRef, yRef) { Line = new Line(FaultColor, 1.5) });
                annotations.Add(Label(fault.Kind + suffix, fault.AtSeconds, 1, "top", FaultColor, xRef, yRef));
                if (fault.RecoverySeconds is { } recovery)
                {
                    var back = to + recovery;
                    shapes.Add(new Shape(back, back, 0, 1, xRef, yRef) { Line = new Line(RecoveryColor, 1.5, "dash") });
                    annotations.Add(Label("recovered" + suffix, back, 0.84, "top", RecoveryColor, xRef, yRef));
                }
            }

            // Events during warm-up (negative seconds) are in the table; on the chart they would stretch every panel's axis.
            var shown = 0;
            foreach (var e in rep.WorkerEvents.Where(e => e.AtSeconds >= 0 && e.AtSeconds <= end).OrderBy(e => e.AtSeconds))
            {
                shapes.Add(new Shape(e.AtSeconds, e.AtSeconds, 0, 1, xRef, yRef) { Line = new Line(WorkerColor, 1, "dot") });
                // Exit and restart come close together: their labels step up the panel instead of overprinting.
                annotations.Add(Label("worker " + e.Event + suffix, e.AtSeconds, 0.02 + (0.14 * (shown++ % 3)), "bottom", WorkerColor, xRef, yRef));
            }
        }
    }

    private static Annotation Label(string text, double x, double y, string yAnchor, string color, string xRef, string yRef) =>
        new(text, x, y, xRef, yRef) { XAnchor = "left", YAnchor = yAnchor, Font = new Font("system-ui, sans-serif", 9) { Color = color } };
}

using System.Globalization;
using Bench.Reporting.Plotly;

namespace Bench.Reporting.Html;

/// <summary>
/// Ticks for a log latency axis at 1, 2 and 5 of each decade, each labelled in full ("20k", "500k"): Plotly labels the
/// minor ticks of a short log range with a bare digit ("2" above "100,000" meaning 200k), which a reader misreads.
/// </summary>
internal static class LogTicks
{
    public static Axis Apply(Axis axis, IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0)
        {
            return axis;
        }

        var ticks = new List<double>();
        for (var decade = Math.Floor(Math.Log10(positive.Min())); decade <= Math.Ceiling(Math.Log10(positive.Max())); decade++)
        {
            ticks.AddRange(new[] { 1.0, 2, 5 }.Select(m => m * Math.Pow(10, decade)));
        }

        return axis with { Type = "log", TickVals = ticks, TickText = [.. ticks.Select(Short)] };
    }

    private static string Short(double v) => v switch
    {
        >= 1e6 => (v / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}

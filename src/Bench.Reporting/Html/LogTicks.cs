using System.Globalization;
using Bench.Reporting.Plotly;

namespace Bench.Reporting.Html;

/// <summary>
/// Ticks for a log latency axis at 1, 2 and 5 of each decade (fewer where the axis is too short for their labels to stay apart), each labelled in full ("20k", "500k"): Plotly labels the
/// minor ticks of a short log range with a bare digit ("2" above "100,000" meaning 200k), which a reader misreads.
/// </summary>
internal static class LogTicks
{
    // Each choice's smallest gap between two ticks, in decades: 1-2-5, 1-3, every decade, every other decade.
    private static readonly (double[] Multipliers, double Gap, int Step)[] s_choices =
        [([1.0, 2, 5], Math.Log10(2), 1), ([1.0, 3], Math.Log10(10 / 3.0), 1), ([1.0], 1, 1), ([1.0], 2, 2)];

    /// <summary>Pixels between two tick labels' centres that keeps them apart: a label's line height and a gap.</summary>
    private const double MinSpacing = 20;

    /// <param name="axis">The axis to give ticks.</param>
    /// <param name="values">What it shows.</param>
    /// <param name="pixels">The axis's length on screen (at the narrowest page the report is read at): the densest ticks whose labels stay apart.</param>
    public static Axis Apply(Axis axis, IEnumerable<double> values, double pixels = 400)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0)
        {
            return axis;
        }

        var (low, high) = (Math.Floor(Math.Log10(positive.Min())), Math.Ceiling(Math.Log10(positive.Max())));
        var perDecade = pixels / Math.Max(1, high - low);
        var (multipliers, _, step) = s_choices.FirstOrDefault(c => c.Gap * perDecade >= MinSpacing, s_choices[^1]);
        var ticks = new List<double>();
        for (var decade = low; decade <= high; decade += step)
        {
            ticks.AddRange(multipliers.Select(m => m * Math.Pow(10, decade)));
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

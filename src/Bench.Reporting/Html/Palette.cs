namespace Bench.Reporting.Html;

/// <summary>Line colours (Tableau 10): the same line keeps its colour on the throughput and the latency panel.</summary>
internal static class Palette
{
    private static readonly string[] s_colors = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#bab0ac", "#ff9da6"];

    public static string Color(int index) => s_colors[index % s_colors.Length];
}

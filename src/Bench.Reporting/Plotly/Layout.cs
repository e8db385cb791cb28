using System.Text.Json.Serialization;

namespace Bench.Reporting.Plotly;

public sealed record Layout
{
    public Axis? XAxis { get; init; }

    public Axis? YAxis { get; init; }

    public Axis? YAxis2 { get; init; }

    /// <summary>group, stack, overlay.</summary>
    public string? BarMode { get; init; }

    public double Height { get; init; } = 420;

    public Margin Margin { get; init; } = new(60, 20, 30, 120);

    public Legend Legend { get; init; } = new();

    public bool? ShowLegend { get; init; }

    /// <summary>Text placed on the chart: panel titles of small multiples, the knee of a rate sweep.</summary>
    public IReadOnlyList<Annotation>? Annotations { get; init; }

    /// <summary>Lines drawn across the plot (a knee's vertical marker).</summary>
    public IReadOnlyList<Shape>? Shapes { get; init; }

    /// <summary>
    /// Further axes of subplots, named as Plotly names them ("xaxis2", "yaxis3"): their number depends on the data, so
    /// they cannot be fixed properties.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, object>? MoreAxes { get; init; }

    /// <summary>Plotly's layout.template is left alone; the font is set so the report reads the same everywhere.</summary>
    public Font Font { get; init; } = new("system-ui, sans-serif", 12);
}

public sealed record Axis
{
    public Title? Title { get; init; }

    /// <summary>linear, log or category.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<double>? TickVals { get; init; }

    public IReadOnlyList<string>? TickText { get; init; }

    public string? Side { get; init; }

    public string? Overlaying { get; init; }

    public bool? AutoMargin { get; init; } = true;

    public string? RangeMode { get; init; }

    /// <summary>"reversed": the first category at the top of a heatmap, as a table reads.</summary>
    public string? AutoRange { get; init; }

    /// <summary>Where this axis sits, as a fraction of the plot: how subplots are stacked.</summary>
    public IReadOnlyList<double>? Domain { get; init; }

    /// <summary>The axis this one is drawn against ("y2" for a subplot's x axis).</summary>
    public string? Anchor { get; init; }

    /// <summary>Share another axis's range ("x", "y"): small multiples on one scale.</summary>
    public string? Matches { get; init; }

    /// <summary>"array": categories in <see cref="CategoryArray"/>'s order (the natural order of a setting's values).</summary>
    public string? CategoryOrder { get; init; }

    public IReadOnlyList<string>? CategoryArray { get; init; }

    public bool? ShowTickLabels { get; init; }

    public string? TickFormat { get; init; }

    public string? HoverFormat { get; init; }

    /// <summary>Pixels between the axis line and its tick labels: keeps a y axis's "0" off the x axis's "0" at a shared corner.</summary>
    public double? TickLabelStandoff { get; init; }
}

/// <summary>Text on a chart, placed in the coordinates XRef/YRef name ("paper", "x2 domain").</summary>
public sealed record Annotation(string Text, double X, double Y, string XRef = "paper", string YRef = "paper")
{
    public bool ShowArrow { get; init; }

    public string XAnchor { get; init; } = "center";

    public string YAnchor { get; init; } = "bottom";

    public Font? Font { get; init; }
}

/// <summary>A line or a shaded rectangle ("rect") on the plot: X0..X1, Y0..Y1 in XRef/YRef coordinates ("x2", "y2 domain").</summary>
public sealed record Shape(double X0, double X1, double Y0, double Y1, string XRef = "x", string YRef = "paper")
{
    public string Type { get; init; } = "line";

    public Line? Line { get; init; }

    /// <summary>A rectangle's fill ("rgba(…)": the lines under it stay visible).</summary>
    public string? FillColor { get; init; }

    /// <summary>"below": drawn under the traces.</summary>
    public string? Layer { get; init; }
}

public sealed record Title(string Text);

public sealed record Margin(double L, double R, double T, double B);

public sealed record Legend(string Orientation = "h", double Y = -0.25);

public sealed record Font(string Family, double Size)
{
    public string? Color { get; init; }
}

using System.Text.Json.Serialization;

namespace Bench.Reporting.Plotly;

/// <summary>The attributes every Plotly trace type shares. Serialized by runtime type (see <see cref="PlotlyJson"/>).</summary>
[JsonDerivedType(typeof(ScatterTrace))]
[JsonDerivedType(typeof(BarTrace))]
[JsonDerivedType(typeof(BoxTrace))]
[JsonDerivedType(typeof(HeatmapTrace))]
public abstract record Trace
{
    public abstract string Type { get; }

    public string? Name { get; init; }

    public string? LegendGroup { get; init; }

    public bool? ShowLegend { get; init; }

    public string? HoverTemplate { get; init; }

    /// <summary>"x2", "x3", …: the x axis of a subplot; null for the first.</summary>
    public string? XAxis { get; init; }

    /// <summary>"y2" to plot against the second y axis (or a subplot's).</summary>
    public string? YAxis { get; init; }

    /// <summary>Per point, shown by <see cref="HoverTemplate"/> as %{customdata}: the full settings key.</summary>
    public IReadOnlyList<string>? CustomData { get; init; }

    public Marker? Marker { get; init; }
}

public sealed record ScatterTrace : Trace
{
    public override string Type => "scatter";

    public required IReadOnlyList<object> X { get; init; }

    public required IReadOnlyList<double> Y { get; init; }

    /// <summary>lines, markers or lines+markers.</summary>
    public string Mode { get; init; } = "lines";

    public Line? Line { get; init; }

    public IReadOnlyList<string>? Text { get; init; }

    /// <summary>Error bars: the spread of repetitions around the median.</summary>
    [JsonPropertyName("error_y")]
    public ErrorBar? ErrorY { get; init; }
}

public sealed record BarTrace : Trace
{
    public override string Type => "bar";

    public required IReadOnlyList<object> X { get; init; }

    public required IReadOnlyList<double> Y { get; init; }

    /// <summary>Where each bar starts (a floating bar from Base to Base + Y).</summary>
    public IReadOnlyList<double>? Base { get; init; }

    public double? Width { get; init; }

    public IReadOnlyList<string>? Text { get; init; }
}

/// <summary>A box from precomputed statistics (no samples needed): whiskers, box edges, median line.</summary>
public sealed record BoxTrace : Trace
{
    public override string Type => "box";

    public required IReadOnlyList<object> X { get; init; }

    public required IReadOnlyList<double> Q1 { get; init; }

    public required IReadOnlyList<double> Median { get; init; }

    public required IReadOnlyList<double> Q3 { get; init; }

    public required IReadOnlyList<double> LowerFence { get; init; }

    public required IReadOnlyList<double> UpperFence { get; init; }

    public IReadOnlyList<double>? Mean { get; init; }

    public double? Width { get; init; }
}

/// <summary>A grid of values coloured by size, each cell labelled with its value (texttemplate).</summary>
public sealed record HeatmapTrace : Trace
{
    public override string Type => "heatmap";

    public required IReadOnlyList<string> X { get; init; }

    public required IReadOnlyList<string> Y { get; init; }

    /// <summary>Rows follow <see cref="Y"/>, columns <see cref="X"/>; null where a combination was not measured.</summary>
    public required IReadOnlyList<IReadOnlyList<double?>> Z { get; init; }

    public IReadOnlyList<IReadOnlyList<string>>? Text { get; init; }

    public string? TextTemplate { get; init; }

    public string? ColorScale { get; init; }

    public bool? ReverseScale { get; init; }

    public bool? ShowScale { get; init; }
}

/// <summary>Asymmetric error bars from explicit distances above (Array) and below (ArrayMinus) each point.</summary>
public sealed record ErrorBar(IReadOnlyList<double> Array, IReadOnlyList<double> ArrayMinus)
{
    public string Type { get; init; } = "data";

    public bool Symmetric { get; init; }

    public double Thickness { get; init; } = 1.5;

    public double Width { get; init; } = 4;
}

public sealed record Marker(string? Color = null, double? Size = null, string? Symbol = null);

public sealed record Line(string? Color = null, double? Width = null, string? Dash = null, string? Shape = null);

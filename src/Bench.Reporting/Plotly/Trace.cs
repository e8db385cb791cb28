using System.Text.Json.Serialization;

namespace Bench.Reporting.Plotly;

/// <summary>The attributes every Plotly trace type shares. Serialized by runtime type (see <see cref="PlotlyJson"/>).</summary>
[JsonDerivedType(typeof(ScatterTrace))]
[JsonDerivedType(typeof(BarTrace))]
[JsonDerivedType(typeof(BoxTrace))]
public abstract record Trace
{
    public abstract string Type { get; }

    public string? Name { get; init; }

    public string? LegendGroup { get; init; }

    public bool? ShowLegend { get; init; }

    public string? HoverTemplate { get; init; }

    /// <summary>"y2" to plot against the second y axis.</summary>
    public string? YAxis { get; init; }

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

public sealed record Marker(string? Color = null, double? Size = null, string? Symbol = null);

public sealed record Line(string? Color = null, double? Width = null, string? Dash = null, string? Shape = null);

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
}

public sealed record Title(string Text);

public sealed record Margin(double L, double R, double T, double B);

public sealed record Legend(string Orientation = "h", double Y = -0.25);

public sealed record Font(string Family, double Size);

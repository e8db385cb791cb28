namespace Bench.Reporting.Plotly;

/// <summary>
/// One Plotly chart: traces and layout, serialized to the JSON plotly.js draws (Plotly.newPlot(id, data, layout)).
/// Built from typed records, so a report never assembles JavaScript from strings.
/// </summary>
public sealed record Figure(string Id, string Title, string Caption, IReadOnlyList<Trace> Data, Layout Layout);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting.Plotly;

/// <summary>
/// Figures as Plotly expects them: attribute names in lower case without separators (lowerfence, showlegend,
/// hovertemplate), nulls omitted, traces by their own type. The default encoder escapes &lt; and &gt;, so the JSON can
/// sit inside a &lt;script type="application/json"&gt; element safely.
/// </summary>
public static class PlotlyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = new LowerCaseNamingPolicy(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <param name="figures">The figures, in page order.</param>
    /// <param name="indented">One attribute a line: for golden files that a person reads in a diff.</param>
    public static string Serialize(IEnumerable<Figure> figures, bool indented = false) =>
        JsonSerializer.Serialize(figures.Select(f => new { id = f.Id, data = f.Data.Select(t => (object)t).ToList(), layout = f.Layout }), indented ? Indented : Options);

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}

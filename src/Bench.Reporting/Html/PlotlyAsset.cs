namespace Bench.Reporting.Html;

/// <summary>
/// Finds plotly.min.js from the npm package plotly.js-dist-min (installed by scripts/setup.sh into the repo's
/// node_modules; never committed). BENCH_PLOTLY_JS names another copy.
/// </summary>
public static class PlotlyAsset
{
    public static string? Find(string? repositoryRoot)
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("BENCH_PLOTLY_JS") };
        for (var d = new DirectoryInfo(repositoryRoot ?? Environment.CurrentDirectory); d is not null; d = d.Parent)
        {
            candidates.Add(Path.Combine(d.FullName, "node_modules", "plotly.js-dist-min", "plotly.min.js"));
        }

        return candidates.FirstOrDefault(File.Exists);
    }
}

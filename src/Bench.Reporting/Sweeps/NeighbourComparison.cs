using Bench.Reporting.Comparison;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// Two variants next to each other along one swept setting (prefetch 10 → 100), the other swept settings equal
/// (<see cref="At"/>, e.g. "direct"), judged by the comparer: its verdict and reason carry the significance.
/// </summary>
public sealed record NeighbourComparison(SweptSetting Setting, SweepPoint Base, SweepPoint Diff, string At, ScenarioComparison Result)
{
    public string From => Sweep.ValueOf(Base, Setting.Name);

    public string To => Sweep.ValueOf(Diff, Setting.Name);

    public double ThroughputChange => ScenarioComparison.Change(Base.Throughput.Median, Diff.Throughput.Median);

    public double P99Change => ScenarioComparison.Change(Base.P99.Median, Diff.P99.Median);

    /// <summary>
    /// Each setting's neighbours along every line of its effect chart, or (<paramref name="againstFirst"/>) each value
    /// against the line's first one (the reference: the first value typed, or the smallest number).
    /// </summary>
    public static List<NeighbourComparison> Along(Sweep sweep, SweptSetting setting, bool againstFirst = false, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(setting);
        options ??= new ComparisonOptions();
        var rows = new List<NeighbourComparison>();
        foreach (var line in sweep.Lines(setting))
        {
            var measurements = line.Points.Select(p => p.ToMeasurement()).ToList();
            for (var i = 1; i < line.Points.Count; i++)
            {
                var b = againstFirst ? 0 : i - 1;
                rows.Add(new NeighbourComparison(setting, line.Points[b], line.Points[i], line.Label, ResultComparer.CompareOne(measurements[b], measurements[i], options)));
            }
        }

        return rows;
    }
}

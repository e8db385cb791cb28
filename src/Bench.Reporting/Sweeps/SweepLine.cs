namespace Bench.Reporting.Sweeps;

/// <summary>
/// The variants that differ only in one swept setting: one line of an effect chart. <see cref="Label"/> names the
/// values of the other swept settings they share ("direct"), empty when nothing else was swept.
/// </summary>
public sealed record SweepLine(string Label, IReadOnlyList<SweepPoint> Points);

namespace Bench.Reporting.History;

/// <summary>
/// A shift in a nightly series: <see cref="Index"/> is the first night at the new level (so its revision is the first
/// after the shift); <see cref="Change"/> is the new level against the old (relative on a log-scaled series, absolute on
/// a linear one), with its 95% interval and the Student t-test's p-value between the two segments either side.
/// </summary>
public sealed record ChangePoint(int Index, double Change, double Low, double High, double P, int NightsBefore, int NightsAfter);

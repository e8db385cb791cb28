using Bench.Reporting;

namespace Bench.Harness.Faults;

/// <summary>
/// Reads a fault's effect off a scenario's per-second timeline: the mean ok/s before it, the first second after it at
/// 80% or more of that (time to recover), and the failures and timeouts in between. A pure function of the timeline.
/// </summary>
public static class RecoveryAnalysis
{
    public const double RecoveredFraction = 0.8;

    /// <summary>Below this fraction of the ok/s before a fault, a second counts as client-observed downtime.</summary>
    public const double DownFraction = 0.5;

    /// <summary>
    /// Whole seconds of the timeline from the one holding <paramref name="at"/> to the end with ok/s below
    /// <see cref="DownFraction"/> of the mean over the whole seconds before it; null when that mean is zero.
    /// </summary>
    public static double? Downtime(IReadOnlyList<TimelineRecord> timeline, double at)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var before = timeline.Where(p => p.Second + p.Seconds <= at && p.Seconds >= 0.999).ToList();
        var okBefore = before.Count == 0 ? 0 : before.Average(p => p.Throughput);
        return okBefore > 0
            ? timeline.Count(p => p.Second + p.Seconds > at && p.Seconds >= 0.999 && p.Throughput < DownFraction * okBefore)
            : null;
    }

    /// <summary>
    /// <paramref name="at"/> and <paramref name="end"/> are the fault's start and end in seconds from the start of
    /// measurement; timeline point i covers [i, i + its Seconds). Recovery is the start of the first whole second that
    /// begins at or after <paramref name="end"/> with ok/s at 80% or more of the mean over the whole seconds before
    /// <paramref name="at"/>, less <paramref name="end"/>. Failures count over the points from the one holding
    /// <paramref name="at"/> to the recovered one (exclusive) plus <paramref name="timeoutSeconds"/> (a call lost in the
    /// window times out that much later), or to the end.
    /// </summary>
    public static (double OkPerSecondBefore, double? RecoverySeconds, long Failed, long TimedOut) Analyse(IReadOnlyList<TimelineRecord> timeline, double at, double end, double timeoutSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var before = timeline.Where(p => p.Second + p.Seconds <= at && p.Seconds >= 0.999).ToList();
        var okBefore = before.Count == 0 ? 0 : before.Average(p => p.Throughput);
        double? recovered = null;
        long failed = 0, timedOut = 0;
        foreach (var point in timeline.Where(p => p.Second + p.Seconds > at))
        {
            if (recovered is null && point.Second >= end && okBefore > 0 && point.Seconds >= 0.999 && point.Throughput >= RecoveredFraction * okBefore)
            {
                recovered = point.Second - end;
            }

            if (recovered is { } r && point.Second >= end + r + timeoutSeconds)
            {
                break;
            }

            failed += point.Failed;
            timedOut += point.TimedOut;
        }

        return (okBefore, recovered, failed, timedOut);
    }
}

using System.Globalization;
using Bench.Reporting;

namespace Bench.Harness.Runs;

/// <summary>
/// Whether a run passed, so a nightly job cannot call a broken run green. A run fails when a scenario's error rate
/// (failed plus timed out, over issued) is above the limit, a fault scenario did not recover in time, a worker died
/// without a fault asking for it, or a scenario's accounting does not hold. The reason is one line.
/// </summary>
public static class RunVerdict
{
    public const double DefaultMaxErrorRate = 0.01;
    public const double DefaultMaxRecoverySeconds = 10;

    /// <summary>Null when every scenario passed; otherwise why the first failing one failed (and how many others did).</summary>
    public static string? Evaluate(IReadOnlyList<ScenarioRecord> scenarios, double maxErrorRate = DefaultMaxErrorRate, double maxRecoverySeconds = DefaultMaxRecoverySeconds)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var reasons = scenarios.Select(s => Reason(s, maxErrorRate, maxRecoverySeconds)).OfType<string>().ToList();
        return reasons.Count switch
        {
            0 => null,
            1 => reasons[0],
            _ => string.Create(CultureInfo.InvariantCulture, $"{reasons[0]} (and {reasons.Count - 1} more scenario(s) failed)"),
        };
    }

    private static string? Reason(ScenarioRecord s, double maxErrorRate, double maxRecoverySeconds)
    {
        if (!s.Counts.Accounted)
        {
            return $"{s.Id}: accounting does not hold (issued {s.Counts.Issued}, ok {s.Counts.Ok}, failed {s.Counts.Failed}, timed out {s.Counts.TimedOut}"
                + (s.Counts.Rejected is > 0 ? $", rejected {s.Counts.Rejected}" : string.Empty) + ")";
        }

        if (s.WorkerEvents.FirstOrDefault(e => e.Event == "exited" && !e.Expected) is { } death)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{s.Id}: worker {death.Worker} died at {death.AtSeconds:0.0} s with no fault asking for it ({death.Exit})");
        }

        if (s.Faults.FirstOrDefault(f => f.Unjudged is null && (f.RecoverySeconds is null || f.RecoverySeconds > maxRecoverySeconds)) is { } slow)
        {
            return slow.RecoverySeconds is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"{s.Id}: {slow.Spec} took {seconds:0.0} s to recover (limit {maxRecoverySeconds:0.###} s)")
                : $"{s.Id}: {slow.Spec} never recovered to 80% of the ok/s before it";
        }

        var errors = s.Counts.Failed + s.Counts.TimedOut;
        var rate = s.Counts.Issued == 0 ? 0 : errors / (double)s.Counts.Issued;
        if (rate > maxErrorRate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{s.Id}: error rate {rate * 100:0.0##}% ({s.Counts.Failed} failed + {s.Counts.TimedOut} timed out of {s.Counts.Issued}) is above --max-error-rate {maxErrorRate * 100:0.###}%");
        }

        return null;
    }
}

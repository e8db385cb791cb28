using Bench.Harness.Faults;

namespace Bench.Harness.Tests;

/// <summary>A fault's effect read off synthetic per-second timelines: the ok/s before, recovery, failures in the window, downtime.</summary>
public sealed class RecoveryAnalysisTests
{
    // 100 ok/s for 4 s, a fault from 4 s to 5 s, nothing for 2 s, then 50, 90 (≥ 80% of before: recovered at 7 s), 100, 100.
    private static readonly double[] s_ok = [100, 100, 100, 100, 0, 0, 50, 90, 100, 100];
    private static readonly long[] s_failed = [0, 0, 0, 0, 10, 20, 5, 1, 0, 0];
    private static readonly long[] s_timedOut = [0, 0, 0, 0, 0, 3, 4, 0, 0, 0];

    [Fact]
    public void Recovery_is_the_first_whole_second_after_the_fault_at_80_percent_of_before()
    {
        var (before, recovery, failed, timedOut) = RecoveryAnalysis.Analyse(Records.Timeline(s_ok, s_failed, s_timedOut), at: 4, end: 5);

        Assert.Equal((100.0, (double?)2, 35L, 7L), (before, recovery, failed, timedOut));
    }

    [Fact]
    public void Failures_are_counted_a_timeout_past_recovery()
    {
        var (_, recovery, failed, timedOut) = RecoveryAnalysis.Analyse(Records.Timeline(s_ok, s_failed, s_timedOut), at: 4, end: 5, timeoutSeconds: 2);

        Assert.Equal(((double?)2, 36L, 7L), (recovery, failed, timedOut));
    }

    [Fact]
    public void A_run_that_never_recovers_counts_every_failure_to_the_end()
    {
        var (before, recovery, failed, _) = RecoveryAnalysis.Analyse(Records.Timeline([200, 200, 0, 100, 150], [0, 0, 7, 8, 9]), at: 2, end: 3);

        Assert.Equal((200.0, (double?)null, 24L), (before, recovery, failed));
    }

    [Fact]
    public void Downtime_is_the_whole_seconds_below_half_of_before()
    {
        Assert.Equal(2, RecoveryAnalysis.Downtime(Records.Timeline(s_ok), at: 4));
        Assert.Null(RecoveryAnalysis.Downtime(Records.Timeline(s_ok), at: 0)); // nothing before it to compare with
        Assert.Null(RecoveryAnalysis.Analyse(Records.Timeline(s_ok), at: 0, end: 1).RecoverySeconds);
    }
}

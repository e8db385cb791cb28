using Bench.Harness.Runs;
using Bench.Reporting;

namespace Bench.Harness.Tests;

/// <summary>A run's verdict on synthetic records: each reason a run fails, in one line, and a clean run passing.</summary>
public sealed class RunVerdictTests
{
    [Fact]
    public void A_clean_run_passes()
    {
        Assert.Null(RunVerdict.Evaluate([Records.Call(), Records.Call("call.echo", failed: 10)]));
    }

    [Fact]
    public void An_error_rate_above_the_limit_fails()
    {
        var verdict = RunVerdict.Evaluate([Records.Call(failed: 15, timedOut: 6)]);

        Assert.Equal("call.add: error rate 2.1% (15 failed + 6 timed out of 1000) is above --max-error-rate 1%", verdict);
        Assert.Null(RunVerdict.Evaluate([Records.Call(failed: 15, timedOut: 6)], maxErrorRate: 0.05));
    }

    [Fact]
    public void Accounting_that_does_not_hold_fails_first()
    {
        var verdict = RunVerdict.Evaluate([Records.Call(failed: 500, accounted: false)]);

        Assert.Equal("call.add: accounting does not hold (issued 1000, ok 500, failed 500, timed out 0)", verdict);
    }

    [Fact]
    public void A_worker_death_no_fault_asked_for_fails_and_an_expected_one_does_not()
    {
        var died = Records.Call() with { WorkerEvents = [new WorkerEventRecord { Worker = "w0", Event = "exited", AtSeconds = 3.2, Exit = "exit code 3" }] };
        var killed = Records.Call() with { WorkerEvents = [new WorkerEventRecord { Worker = "w0", Event = "exited", AtSeconds = 3.2, Exit = "killed by signal 9 (SIGKILL)", Expected = true }] };

        Assert.Equal("call.add: worker w0 died at 3.2 s with no fault asking for it (exit code 3)", RunVerdict.Evaluate([died]));
        Assert.Null(RunVerdict.Evaluate([killed]));
    }

    [Fact]
    public void A_fault_that_never_recovered_or_recovered_late_fails()
    {
        var never = Records.Call() with { Faults = [new FaultRecord { Kind = "broker-kill", Spec = "broker-kill@2s", AtSeconds = 2, RecoverySeconds = null }] };
        var late = Records.Call("call.echo") with { Faults = [new FaultRecord { Kind = "broker-kill", Spec = "broker-kill@2s", AtSeconds = 2, RecoverySeconds = 12.5 }] };

        Assert.Equal("call.add: broker-kill@2s never recovered to 80% of the ok/s before it (and 1 more scenario(s) failed)", RunVerdict.Evaluate([never, late]));
        Assert.Equal("call.echo: broker-kill@2s took 12.5 s to recover (limit 10 s)", RunVerdict.Evaluate([late]));
        Assert.Null(RunVerdict.Evaluate([late], maxRecoverySeconds: 15));
    }
}

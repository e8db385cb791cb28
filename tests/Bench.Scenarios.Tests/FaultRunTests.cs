using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench run` under faults, as a process: honest exit codes (error rate, a worker that died unasked, no recovery), fault
/// records and worker supervision, refusals, and Ctrl-C while the private broker starts. Counts and verdicts are
/// asserted, never times.
/// </summary>
public sealed class FaultRunTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    private string Amqp => broker.Uri.Uri.OriginalString;

    [Fact]
    public async Task A_run_where_every_call_fails_exits_1_with_one_line_and_still_writes_results()
    {
        // Each sleep of 700 s is above the worker's 10-minute bound: it refuses it at once with ValueError.
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--method", "sleep", "--sleep-ms", "700000", "--timeout", "1", "--requests", "40", "--outstanding", "4", "--warmup", "0", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 1, cli.Stdout + cli.Stderr);
        var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("bench: run failed:", StringComparison.Ordinal));
        Assert.Contains("error rate 100.0%", line, StringComparison.Ordinal);
        var run = ResultStore.Read(Out);
        Assert.Equal(line["bench: run failed: ".Length..], run.Verdict);
        var s = Assert.Single(run.Scenarios);
        Assert.Equal((40L, 0L, 40L, 0L, true), (s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.Accounted));
        Assert.Contains(s.Errors, e => e.Message.Contains("sleep takes 0 to 600000 ms, not 700000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_whose_calls_time_out_exits_1_and_counts_them_as_timed_out()
    {
        // The worker paces add to 1 call/s; callers wait 0.3 s: all but the first few calls time out, and count as such.
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--method", "add", "--worker-rate-limit", "1", "--timeout", "0.3", "--requests", "12", "--outstanding", "4", "--warmup", "0", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 1, cli.Stdout + cli.Stderr);
        Assert.Contains("error rate", Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("bench: run failed:", StringComparison.Ordinal)), StringComparison.Ordinal);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.True(s.Counts.Accounted && s.Counts.Issued == 12 && s.Counts.TimedOut >= 6 && s.Counts.Failed == 0, s.Counts.ToString());
    }

    [Fact]
    public async Task Sleeps_longer_than_the_timeout_time_out_and_a_higher_max_error_rate_lets_the_run_pass()
    {
        // Each 200 ms sleep outlasts its caller's 50 ms: the worker gives up at the deadline and the call times out, as
        // against oslo's server (it was once refused at once, and counted as 20 instant failures).
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--method", "sleep", "--sleep-ms", "200", "--timeout", "0.05", "--requests", "20", "--outstanding", "4", "--warmup", "0", "--max-error-rate", "100%", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Null(run.Verdict);
        var s = Assert.Single(run.Scenarios);
        Assert.Equal((20L, 0L, 0L, 20L), (s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut));
    }

    [Fact]
    public async Task A_fault_the_run_ended_before_is_recorded_unjudged_and_does_not_fail_the_run()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "2", "--warmup", "0.5", "--outstanding", "2", "--fault", "worker-pause@30s+1s", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var fault = Assert.Single(Assert.Single(ResultStore.Read(Out).Scenarios).Faults);
        Assert.Equal("not injected: the scenario ended first", fault.Unjudged);
        Assert.Null(fault.RecoverySeconds);
    }

    [Theory]
    [InlineData("broker-restart@1s+1s", "needs control of the broker")]
    [InlineData("memory-alarm@1s", "needs control of the broker")]
    [InlineData("disk-full@1s", "KIND one of broker-restart")]
    [InlineData("worker-kill@1s+2s", "is instantaneous")]
    [InlineData("worker-pause@soon", "--fault times are seconds")]
    public async Task A_fault_it_cannot_inject_is_refused_with_one_line_and_exit_2(string fault, string message)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--fault", fault, "--amqp", Amqp, "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(message, Assert.Single(cli.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_worker_is_reported_restarted_and_recorded_with_its_fault()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "10", "--warmup", "0.5", "--outstanding", "4", "--timeout", "1",
            "--fault", "worker-kill@2s", "--max-error-rate", "100%", "--max-recovery", "1000", "--amqp", Amqp, "--out", Out);

        var run = ResultStore.Read(Out);
        var s = Assert.Single(run.Scenarios);
        var fault = Assert.Single(s.Faults);
        Assert.Equal(("worker-kill", "worker-kill@2s"), (fault.Kind, fault.Spec));
        var exited = Assert.Single(s.WorkerEvents, e => e.Event == "exited");
        Assert.True(exited.Expected);
        Assert.Equal("killed by signal 9 (SIGKILL)", exited.Exit);
        Assert.Contains(s.WorkerEvents, e => e.Event == "restarted");
        Assert.True(s.Counts.Accounted);
        Assert.True(s.Timeline.Where(p => p.Second > fault.AtSeconds + 1).Sum(p => p.Ok) > 0, "calls succeed after the restart");
    }

    [Fact]
    public async Task Killing_a_worker_mid_cast_run_with_ack_after_durable_and_persistent_loses_no_cast()
    {
        // On a private node of its own: a durable control exchange on the shared broker would clash with every
        // other test's non-durable one.
        using var cli = BenchCli.Start(new Dictionary<string, string> { ["BENCH_AMQP_URI"] = string.Empty }, "run", "--scenario", "cast.count", "--rate", "1000", "--duration", "5", "--warmup", "0.5",
            "--ack", "after", "--durable", "true", "--persistent", "true", "--fault", "worker-kill@1.5s", "--out", Out);
        await cli.WaitAsync(s_timeout);

        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        var ledger = s.CastLedger;
        Assert.NotNull(ledger);
        Assert.True(ledger.Sent > 0);
        Assert.Equal(ledger.Sent, ledger.ReceivedUnique);
        Assert.Equal(0, ledger.Lost);
        Assert.Contains(s.WorkerEvents, e => e.Event == "exited" && e.Expected);
        Assert.Contains(s.WorkerEvents, e => e.Event == "restarted");
        // Deliveries span the restart (the new worker's counters began again): every measured cast, by the ledger.
        Assert.Equal(s.Counts.Ok, s.Counts.Delivered);
        Assert.DoesNotContain(s.Notes, n => n.Contains("never arrived", StringComparison.Ordinal));
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
    }

    [Fact]
    public async Task A_worker_that_dies_with_no_fault_asking_fails_the_run()
    {
        using var cli = BenchCli.Start("run", "--scenario", "call.add", "--duration", "20", "--warmup", "0", "--outstanding", "2", "--timeout", "1",
            "--max-error-rate", "100%", "--amqp", Amqp, "--out", Out);
        await cli.WaitForOutputAsync("starting", s_timeout);
        var (worker, _) = await WorkerOfAsync(cli.ProcessId);

        // The first progress line means calls are being answered, so the worker consumes: kill it then, early in the
        // run (asking rabbitmqctl instead took longer than the run on a loaded machine, and the kill missed the run).
        await cli.WaitForOutputAsync(" ok/s", s_timeout);
        Assert.False(cli.HasExited, cli.Stdout + cli.Stderr);

        await Signal.KillAsync(worker);
        await cli.WaitAsync(s_timeout);

        Assert.True(cli.ExitCode == 1, cli.Stdout + cli.Stderr);
        Assert.Contains("died", cli.Stderr, StringComparison.Ordinal);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        var death = Assert.Single(s.WorkerEvents, e => e.Event == "exited");
        Assert.False(death.Expected);
        Assert.NotNull(ResultStore.Read(Out).Verdict);
    }

    [Fact]
    public async Task A_fault_the_run_never_recovers_from_fails_the_run()
    {
        // The only worker stays paused past the end of the run: ok/s never comes back.
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "6", "--warmup", "0.5", "--outstanding", "2", "--timeout", "0.5",
            "--fault", "worker-pause@2s+60s", "--max-error-rate", "100%", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 1, cli.Stdout + cli.Stderr);
        Assert.Contains("never recovered", cli.Stderr, StringComparison.Ordinal);
        var fault = Assert.Single(Assert.Single(ResultStore.Read(Out).Scenarios).Faults);
        Assert.Null(fault.RecoverySeconds);
        Assert.True(fault.OkPerSecondBefore > 0);
    }

    [Fact]
    public async Task A_sleep_above_ten_minutes_is_refused_with_ValueError_not_run()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--method", "sleep", "--sleep-ms", "700000", "--timeout", "30", "--requests", "8", "--outstanding", "2", "--warmup", "0", "--amqp", Amqp, "--out", Out);

        Assert.True(cli.ExitCode == 1, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.True(run.Scenarios.Count == 1, cli.Stdout + cli.Stderr);
        var s = run.Scenarios[0];
        Assert.Equal((8L, 8L, 0L), (s.Counts.Issued, s.Counts.Failed, s.Counts.TimedOut));
        Assert.Contains(s.Errors, e => e.Message.Contains("ValueError", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_while_the_private_broker_starts_removes_the_node_and_exits_130()
    {
        var temp = Directory.CreateTempSubdirectory("bench-startup-").FullName;
        try
        {
            using var cli = BenchCli.Start(new Dictionary<string, string> { ["TMPDIR"] = temp, ["BENCH_AMQP_URI"] = string.Empty },
                "run", "--scenario", "call.add", "--duration", "600", "--out", Out);
            await Eventually.TrueAsync(() => Directory.EnumerateDirectories(temp, "bench-broker-*").Any(), "the node's directory appears", s_timeout);

            // A long run: on a busy machine the node may finish starting before the signal lands, and a short run would
            // then end (exit 0) first; interrupted either way, the run must exit 130 and leave no node behind.
            cli.Interrupt();
            await cli.WaitAsync(s_timeout);

            Assert.True(cli.ExitCode == 130, cli.Stdout + cli.Stderr);
            Assert.DoesNotContain("Exception", cli.Stderr, StringComparison.Ordinal);
            // Removed on the way out (or, if a dying node still held a file, by its watchdog a moment later).
            await Eventually.TrueAsync(() => !Directory.EnumerateDirectories(temp, "bench-broker-*").Any(), "the node's directory is gone");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("still not true: " + what);
            }

            await Task.Delay(100);
        }
    }

    // The `bench worker` child of a bench process and its topic.
    private static async Task<(int Pid, string Topic)> WorkerOfAsync(int parent)
    {
        var (pid, arguments) = await ProcessTree.ChildAsync(parent, a => a.Contains("worker") && Array.IndexOf(a, "--topic") > 0, TimeSpan.FromMinutes(1));
        return (pid, arguments[Array.IndexOf(arguments, "--topic") + 1]);
    }
}

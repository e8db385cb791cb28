using Bench.Reporting;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench run --nodes 3` as a process, on a private cluster it starts: a leader kill during confirmed, ack-after casts
/// to a quorum queue loses none (counted by unique id at the workers), and the accounting holds; node faults without a
/// cluster are refused. Counts are asserted, never times: not even whether ok/s came back to 80% of its level before the
/// kill, a speed (see the leader-kill test).
/// </summary>
public sealed class ClusterRunTests : CliTest
{
    // A limit, never a measurement: beside two CPU hogs the three nodes' start alone took 3 of the 5 minutes this
    // once allowed, and the killed node's restart is as slow, so a run that was still recovering was cut off.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_leader_kill_during_quorum_casts_with_ack_after_and_confirms_loses_none_and_accounting_holds()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--nodes", "3", "--scenario", "cast.count", "--queue-type", "quorum", "--ack", "after", "--confirms", "on",
            "--outstanding", "8", "--duration", "10", "--warmup", "1", "--timeout", "5", "--fault", "node-kill:leader@3s+3s", "--max-recovery", "1000", "--out", Out);

        var run = ResultStore.Read(Out);
        var s = Assert.Single(run.Scenarios);
        var ledger = s.CastLedger ?? throw new InvalidOperationException("no cast ledger: " + cli.Stdout + cli.Stderr);
        Assert.True(ledger.Sent > 0 && ledger.Lost == 0 && ledger.ReceivedUnique == ledger.Sent, ledger.ToString());
        Assert.True(s.Counts.Accounted && s.Counts.Issued == s.Counts.Ok + s.Counts.Failed + s.Counts.TimedOut, s.Counts.ToString());
        var cluster = s.Cluster ?? throw new InvalidOperationException("no cluster record");
        Assert.Equal((3, 3, "quorum"), (cluster.Nodes.Count, cluster.Members.Count, cluster.QueueType));
        var fault = Assert.Single(s.Faults);
        Assert.Contains("leader of " + cluster.Queue, fault.Node, StringComparison.Ordinal);
        Assert.NotNull(fault.DowntimeSeconds);
        // The worker was on the leader's node (it declared the queue there): recovery moved it to a live node.
        var worker = Assert.Single(cluster.PlacementAtStart, p => p.Key.StartsWith("bench-service:", StringComparison.Ordinal));
        Assert.Equal(cluster.Leader, worker.Value);
        Assert.NotEqual(cluster.Leader, cluster.PlacementAtEnd[worker.Key]);
        Assert.True(s.Timeline.Where(p => p.Second >= fault.AtSeconds + 1).Sum(p => p.Ok) > 0, "casts succeed after the kill: " + cli.Stdout + cli.Stderr);
        // Recovery is judged by speed: a whole second at 80% of the ok/s before the kill. Once, in CI with other tests
        // running beside it, the killed node's restart (an Erlang boot) held the CPU through every second left in the run,
        // and the verdict said it never recovered, truly. That verdict may stand; any other fails the test, and the exit
        // code must agree with the verdict.
        Assert.True(run.Verdict is null || run.Verdict == $"{s.Id}: {fault.Spec} never recovered to 80% of the ok/s before it", cli.Stdout + cli.Stderr);
        Assert.True(cli.ExitCode == (run.Verdict is null ? 0 : 1), cli.Stdout + cli.Stderr);
    }

    [Theory]
    [InlineData("node-kill@1s", "give --nodes 2 or more")]
    [InlineData("node-stop:leader@1s", "needs how long the node stays stopped")]
    [InlineData("node-kill:primary@1s", "NODE is leader or follower")]
    public async Task A_node_fault_it_cannot_inject_is_refused_with_one_line_and_exit_2(string fault, string message)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "cast.count", "--fault", fault, "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(message, Assert.Single(cli.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }
}

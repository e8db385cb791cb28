using Bench.Reporting;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench run --nodes 3` as a process, on a private cluster it starts: a leader kill during confirmed, ack-after casts
/// to a quorum queue loses none (counted by unique id at the workers), and the accounting holds; node faults without a
/// cluster are refused. Counts are asserted, never times.
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
            "--outstanding", "8", "--duration", "10", "--warmup", "1", "--timeout", "5", "--fault", "node-kill:leader@3s+3s", "--out", Out);

        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
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
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
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

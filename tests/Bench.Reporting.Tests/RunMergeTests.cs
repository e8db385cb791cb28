using Bench.Load;
using Bench.Reporting.Agents;

namespace Bench.Reporting.Tests;

/// <summary>
/// The merge of agents' runs on synthetic data with known answers: percentiles of the added histogram (not an average
/// of the agents' percentiles), summed counts and CPU, a missing agent kept and the merge incomplete, an agent twice refused.
/// </summary>
public sealed class RunMergeTests
{
    [Fact]
    public void Percentiles_come_from_the_added_histograms_never_from_averaging()
    {
        // Agent 0: 900 requests at 1 ms; agent 1: 100 at 50 ms. The merged p95 is 50 ms (the slow agent's tail is 10% of
        // all requests); averaging the agents' p95s would say 25.5 ms, and the merged p50 is 1 ms, not 25.5.
        var merged = RunMerge.Merge([(Agent(0, 2, 900, 1_000_000), "a0"), (Agent(1, 2, 100, 50_000_000), "a1")], "m", "bench merge");
        var s = Assert.Single(merged.Scenarios);

        Assert.Equal(1000, s.Counts.Issued);
        Assert.Equal(1000, s.Latency.Corrected.Count);
        Assert.Equal(1000.0, s.Latency.Corrected.P50Us, 0);
        Assert.Equal(50_000.0, s.Latency.Corrected.P95Us, 0.001 * 50_000);
        Assert.Equal(2.0, s.Cost.Single(c => c.Process == "client").CpuSeconds, 9);
        Assert.Equal(1000.0 / 8, s.Throughput, 6); // ok/s summed: 900/8 + 100/8
        Assert.Equal([112.5, 12.5], merged.Agents!.Select(a => a.Throughput));
        Assert.False(merged.Incomplete);
    }

    [Fact]
    public void A_missing_agent_is_listed_and_the_merge_incomplete()
    {
        var merged = RunMerge.Merge([(Agent(0, 3, 100, 1_000_000), "a0"), (Agent(2, 3, 100, 1_000_000), "a2")], "m", "bench merge");

        Assert.True(merged.Incomplete);
        Assert.Contains("agent 1 of 3 never reported", merged.StopReason, StringComparison.Ordinal);
        Assert.Equal([false, true, false], merged.Agents!.Select(a => a.Missing));
        Assert.Equal(200, merged.Scenarios.Single().Counts.Issued);
        Assert.Contains("⚠ missing", MarkdownSummary.Render(merged), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_agent_twice_is_refused()
    {
        var e = Assert.Throws<ResultFormatException>(() => RunMerge.Merge([(Agent(0, 2, 10, 1000), "x"), (Agent(0, 2, 10, 1000), "y")], "m", "bench merge"));
        Assert.Contains("agent 0 appears twice", e.Message, StringComparison.Ordinal);
    }

    private static RunResult Agent(int index, int count, int requests, long latencyNs)
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < requests; i++)
        {
            histogram.Record(latencyNs);
        }

        var record = Samples.Scenario("call.echo", latencyNs, requests / 8.0) with
        {
            Counts = new CountsRecord { Issued = requests, Ok = requests, Accounted = true },
            Throughput = requests / 8.0,
            Latency = new LatencyPair(LatencyRecord.From(histogram), LatencyRecord.From(histogram)),
            Cost = [new CostRecord("client", 1.0, 1e6 / requests)],
        };
        return Samples.Run("agent-" + index, record) with { Agent = new AgentRecord { Index = index, Count = count, StartSkewMs = index } };
    }
}

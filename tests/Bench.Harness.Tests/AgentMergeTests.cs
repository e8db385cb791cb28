using Bench.Harness.Agents;
using Bench.Reporting;
using Bench.Reporting.Agents;

namespace Bench.Harness.Tests;

/// <summary>
/// The coordinator's merge of agents' results: counts and histograms added exactly, throughput summed, each agent kept
/// beside the sum, a missing agent making the run incomplete; and the merged run written like any run.
/// </summary>
public sealed class AgentMergeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bench-merge-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Two_agents_add_up_exactly()
    {
        var merged = RunMerge.Merge([(Agent(0, 2, latencyNs: 1000), "a0"), (Agent(1, 2, latencyNs: 2000), "a1")], "merged", "bench coordinate");

        var s = Assert.Single(merged.Scenarios);
        Assert.Equal((2000L, 2000L, 200.0), (s.Counts.Issued, s.Counts.Ok, s.Throughput));
        Assert.Equal(2000, s.Latency.Corrected.Count);
        Assert.Equal((1.0, 2.0), (s.Latency.Corrected.P50Us, s.Latency.Corrected.MaxUs)); // 1,000 calls of 1 µs and 1,000 of 2 µs, exact
        Assert.Equal([0, 1], merged.Agents!.Select(a => a.Index));
        Assert.False(merged.Incomplete);
    }

    [Fact]
    public void A_missing_agent_is_listed_and_makes_the_run_incomplete()
    {
        var merged = RunMerge.Merge([(Agent(0, 3), "a0"), (Agent(2, 3), "a2")], "merged", "bench coordinate", expected: 3);

        Assert.True(merged.Incomplete);
        Assert.Equal("agent 1 of 3 never reported (missing, not replayed)", merged.StopReason);
        Assert.Equal([false, true, false], merged.Agents!.Select(a => a.Missing));
        Assert.Equal(2000L, Assert.Single(merged.Scenarios).Counts.Issued);
    }

    [Fact]
    public void An_agent_reported_twice_is_refused()
    {
        var e = Assert.Throws<ResultFormatException>(() => RunMerge.Merge([(Agent(0, 2), "a"), (Agent(0, 2), "b")], "merged", "bench coordinate"));

        Assert.Equal("agent 0 appears twice: a, b", e.Message);
    }

    [Fact]
    public void The_merged_run_is_written_as_results_and_summary()
    {
        var merged = RunMerge.Merge([(Agent(0, 2), "a0"), (Agent(1, 2), "a1")], "merged", "bench coordinate");

        MergedRun.Write(merged, _directory);

        Assert.Equal(2000L, Assert.Single(ResultStore.Read(_directory).Scenarios).Counts.Issued);
        Assert.Contains("call.add", File.ReadAllText(Path.Combine(_directory, "summary.md")), StringComparison.Ordinal);
    }

    private static RunResult Agent(int index, int count, long latencyNs = 1000) =>
        Records.Run("agent-" + index, Records.Call(latencyNs: latencyNs)) with { Agent = new AgentRecord { Index = index, Count = count } };
}

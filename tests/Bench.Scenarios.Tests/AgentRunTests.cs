using System.Globalization;
using Bench.Broker;
using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// Several load agents against one real broker, with a real control broker beside it: the local form (3 agent
/// processes and the coordinator), the merge checked exactly against the agents' own files, `bench merge` of a
/// subset, an agent killed in the measured window (missing, incomplete, exit 1) and too few agents (timeout, exit 1).
/// </summary>
public sealed class AgentRunTests(BrokerFixture broker) : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    private string Amqp => broker.Uri.Uri.OriginalString;

    [Fact]
    public async Task Three_local_agents_merge_exactly_what_the_agents_recorded()
    {
        // Open model, uniform: 300/s for 2 s is exactly 600 arrivals, dealt 200 to each agent.
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--agents", "3", "--local", "--method", "echo", "--rate", "300", "--duration", "2", "--warmup", "0",
            "--timeout", "5", "--amqp", Amqp, "--out", Out);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);

        var merged = ResultStore.Read(Out);
        var agents = Enumerable.Range(0, 3).Select(i => ResultStore.Read(Path.Combine(Out, "agents", "agent-" + i.ToString(CultureInfo.InvariantCulture)))).ToList();
        var m = Assert.Single(merged.Scenarios);
        var parts = agents.Select(a => Assert.Single(a.Scenarios)).ToList();

        Assert.False(merged.Incomplete, merged.StopReason);
        Assert.Equal(600, m.Counts.Issued);
        Assert.Equal(parts.Sum(p => p.Counts.Issued), m.Counts.Issued);
        Assert.Equal(parts.Sum(p => p.Counts.Ok), m.Counts.Ok);
        Assert.Equal([200L, 200L, 200L], parts.Select(p => p.Counts.Issued));
        Assert.True(m.Counts.Accounted);

        // The merged histograms are the agents' own, bucket by bucket, with exact count, sum, min and max.
        AssertSum(m.Latency.Corrected.Histogram, parts.Select(p => p.Latency.Corrected.Histogram));
        AssertSum(m.Latency.Raw.Histogram, parts.Select(p => p.Latency.Raw.Histogram));
        Assert.Equal(parts.Sum(p => p.Cost.Single(c => c.Process == "client").CpuSeconds), m.Cost.Single(c => c.Process == "client").CpuSeconds, 9);

        // Every agent is listed with its own figures, its slice, and when it started against the common T.
        Assert.Equal([0, 1, 2], merged.Agents!.Select(a => a.Index));
        Assert.All(merged.Agents!, a => Assert.False(a.Missing));
        Assert.All(agents, a => Assert.NotNull(a.Agent!.StartSkewMs));
        Assert.Single(agents.Select(a => a.Agent!.StartAt).Distinct());
        Assert.Contains("agent slice 2 of 3", parts[1].Load, StringComparison.Ordinal);
        Assert.Contains("start skew", File.ReadAllText(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
        Assert.Contains("## Agents (3 of 3 reported", File.ReadAllText(Path.Combine(Out, "summary.md")), StringComparison.Ordinal);

        // `bench merge` of the same files is the same run; of two of them, agent 2 is missing and the merge incomplete.
        using var all = await BenchCli.RunAsync(s_timeout, ["merge", .. AgentFiles(0, 1, 2), "--out", Out + "-all"]);
        using var some = await BenchCli.RunAsync(s_timeout, ["merge", .. AgentFiles(0, 1), "--out", Out + "-some"]);
        Assert.True(all.ExitCode == 0, all.Stdout + all.Stderr);
        var again = Assert.Single(ResultStore.Read(Out + "-all").Scenarios);
        Assert.Equal((m.Counts.Issued, m.Counts.Ok, m.Latency.Corrected.P99Us), (again.Counts.Issued, again.Counts.Ok, again.Latency.Corrected.P99Us));
        Assert.Equal(1, some.ExitCode);
        var partial = ResultStore.Read(Out + "-some");
        Assert.True(partial.Incomplete);
        Assert.True(partial.Agents!.Single(a => a.Index == 2).Missing);
        Assert.Equal(400, partial.Scenarios.Single().Counts.Issued);
    }

    [Theory]
    [InlineData("call.add", 3L)]
    [InlineData("cast.count", 2L)]
    public async Task Local_agents_run_Bench_scenarios_that_are_calls_or_casts_of_a_worker_method(string scenario, long agents)
    {
        // Once refused ("give --method echo|add") though --method add ran the same calls.
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", scenario, "--agents", agents.ToString(CultureInfo.InvariantCulture), "--local", "--rate", "120", "--duration", "1", "--warmup", "0",
            "--timeout", "5", "--max-late", "100%", "--amqp", Amqp, "--out", Out); // what runs is asserted here, not whether this machine keeps the pace

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var m = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal((120L, 120L), (m.Counts.Issued, m.Counts.Ok));
    }

    [Fact]
    public async Task Local_agents_refuse_by_name_a_scenario_that_is_not_a_call_or_cast_of_a_worker_method()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "raw.call", "--agents", "2", "--local", "--duration", "1", "--amqp", Amqp, "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal("bench: --local without --target runs calls or casts of one Bench worker's methods: call.echo, call.add, call.sleep, call.nova, cast.count; 'raw.call' needs more than that (run it without --agents, or give --target for your own service)",
            Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Each_worker_scenario_agents_run_is_a_valid_args_template()
    {
        Assert.All(Cli.WorkerMethodCall.Runnable, id => Bench.Rpc.Templates.ArgsTemplate.Compile(Cli.WorkerMethodCall.For(id, 64, 5)!.Args, Bench.Rpc.Templates.TemplateShape.JsonObject));
        Assert.Null(Cli.WorkerMethodCall.For("fanout.count", 64, 5));
    }

    [Fact]
    public async Task An_agent_killed_in_the_measured_window_is_missing_and_the_merged_run_incomplete()
    {
        var (topic, runName) = (BrokerFixture.UniqueName("agents"), BrokerFixture.UniqueName("killed"));
        await using var control = await ControlBroker.StartAsync(broker);
        using var worker = await WorkerAsync(topic);
        using var coordinator = BenchCli.Start("coordinate", "--agents", "3", "--control", control.Uri, "--run-name", runName, "--results-timeout", "5", "--out", Out);
        var agents = Enumerable.Range(0, 3).Select(i => Agent(control.Uri, runName, topic, i, duration: "4")).ToList();
        try
        {
            await coordinator.WaitForOutputAsync("start sent", s_timeout);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // inside the 4 s window
            System.Diagnostics.Process.GetProcessById(agents[2].ProcessId).Kill(); // SIGKILL: it never reports
            await coordinator.WaitAsync(s_timeout);

            Assert.True(coordinator.ExitCode == 1, coordinator.Stdout + coordinator.Stderr);
            var merged = ResultStore.Read(Out);
            Assert.True(merged.Incomplete);
            Assert.Contains("agent 2 of 3 never reported", merged.StopReason, StringComparison.Ordinal);
            var missing = Assert.Single(merged.Agents!, a => a.Missing);
            Assert.Equal(2, missing.Index);
            var reported = Enumerable.Range(0, 2).Select(i => Assert.Single(ResultStore.Read(Path.Combine(Out, "agents", "agent-" + i.ToString(CultureInfo.InvariantCulture))).Scenarios)).ToList();
            Assert.Equal(reported.Sum(r => r.Counts.Issued), merged.Scenarios.Single().Counts.Issued); // nothing replayed for agent 2
            Assert.Contains("missing", File.ReadAllText(Path.Combine(Out, "summary.md")), StringComparison.Ordinal);
        }
        finally
        {
            agents.ForEach(a => a.Dispose());
        }
    }

    [Fact]
    public async Task A_coordinator_with_too_few_agents_timesOut_with_exit_1_and_aborts_the_ready_ones()
    {
        var (topic, runName) = (BrokerFixture.UniqueName("agents"), BrokerFixture.UniqueName("few"));
        await using var control = await ControlBroker.StartAsync(broker);
        using var worker = await WorkerAsync(topic);
        using var coordinator = BenchCli.Start("coordinate", "--agents", "3", "--control", control.Uri, "--run-name", runName, "--ready-timeout", "20", "--out", Out);
        using var agent = Agent(control.Uri, runName, topic, 0, duration: "2");
        await coordinator.WaitAsync(s_timeout);
        await agent.WaitAsync(s_timeout);

        Assert.True(coordinator.ExitCode == 1, coordinator.Stdout + coordinator.Stderr);
        Assert.Contains("timed out after 20 s waiting for agents: 1 of 3 ready, missing agents 1, 2", coordinator.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "results.json")));
        Assert.True(agent.ExitCode == 1, agent.Stdout + agent.Stderr);
        Assert.Contains("aborted", agent.Stdout + agent.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_refuses_a_control_broker_that_is_the_broker_under_test()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--agents", "2", "--agent-index", "0", "--control", Amqp, "--amqp", Amqp, "--method", "echo", "--requests", "10", "--outstanding", "2");
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--control is the broker under test", cli.Stderr, StringComparison.Ordinal);
    }

    private async Task<BenchCli> WorkerAsync(string topic)
    {
        var worker = BenchCli.Start("worker", "--topic", topic, "--amqp", Amqp);
        await worker.WaitForOutputAsync("bench-worker-ready", TimeSpan.FromSeconds(90));
        return worker;
    }

    private BenchCli Agent(string control, string runName, string topic, int index, string duration) => BenchCli.Start(
        "run", "--agents", "3", "--agent-index", index.ToString(CultureInfo.InvariantCulture), "--control", control, "--run-name", runName, "--amqp", Amqp,
        "--target", "oslo", "--topic", topic, "--method", "echo", "--args", "{\"payload\": \"x\"}", "--rate", "150", "--duration", duration, "--warmup", "0", "--timeout", "2",
        "--out", Path.Combine(Out + "-own", "agent-" + index.ToString(CultureInfo.InvariantCulture)));

    private string[] AgentFiles(params int[] indexes) => [.. indexes.Select(i => Path.Combine(Out, "agents", "agent-" + i.ToString(CultureInfo.InvariantCulture), "results.json"))];

    private static void AssertSum(HistogramRecord merged, IEnumerable<HistogramRecord> parts)
    {
        var list = parts.ToList();
        var buckets = list.SelectMany(h => h.Buckets).GroupBy(b => b[0]).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(b => b[1]))).ToList();
        Assert.Equal(buckets, merged.Buckets.Select(b => (b[0], b[1])));
        Assert.Equal(list.Sum(h => h.Count), merged.Count);
        Assert.Equal(list.Sum(h => h.Sum), merged.Sum);
        Assert.Equal(list.Min(h => h.Min), merged.Min);
        Assert.Equal(list.Max(h => h.Max), merged.Max);
    }

    /// <summary>A control broker that is not the broker under test: a vhost of its own on the test node (or, on an external broker, a private node).</summary>
    private sealed class ControlBroker : IAsyncDisposable
    {
        private readonly PrivateBroker? _own;

        private ControlBroker(string uri, PrivateBroker? own)
        {
            Uri = uri;
            _own = own;
        }

        public string Uri { get; }

        public static async Task<ControlBroker> StartAsync(BrokerFixture fixture)
        {
            if (fixture.Node is not { } node)
            {
                var own = await PrivateBroker.StartAsync();
                return new ControlBroker(own.Uri.Uri.OriginalString, own);
            }

            var vhost = BrokerFixture.UniqueName("control");
            var user = System.Uri.UnescapeDataString(fixture.Uri.Uri.UserInfo.Split(':')[0]);
            await node.CtlAsync(["add_vhost", vhost]);
            await node.CtlAsync(["set_permissions", "-p", vhost, user, ".*", ".*", ".*"]);
            return new ControlBroker(new UriBuilder(fixture.Uri.Uri) { Path = "/" + vhost }.Uri.OriginalString, null);
        }

        public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}

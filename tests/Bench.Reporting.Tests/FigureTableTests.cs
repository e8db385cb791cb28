using Bench.Load;
using Bench.Reporting.Agents;
using Bench.Reporting.Tables;

namespace Bench.Reporting.Tests;

/// <summary>
/// The figure tables `bench report --table NAME` prints for scripts/figures.sh, each against its approved file. The
/// runs are synthetic (<see cref="Samples"/>) and written to a folder first, so each table reads them back through
/// <see cref="ResultStore"/> as it reads a measurement's.
/// </summary>
public sealed class FigureTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-tables-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Faults_table_has_a_row_per_fault_named_by_its_run_folder()
    {
        var casts = Samples.Scenario("cast.count", 900_000, 1000, seconds: 20, settings: new Dictionary<string, string> { ["ack"] = "after" }) with
        {
            Faults = [new FaultRecord { Kind = "worker-kill", Spec = "worker-kill@8s", AtSeconds = 8.02, RecoverySeconds = 1.5, OkPerSecondBefore = 998.4, TimedOutInWindow = 0 }],
            WorkerEvents = [new WorkerEventRecord { Worker = "bench-0", Event = "exited", AtSeconds = 8.1, Expected = true }, new WorkerEventRecord { Worker = "bench-0", Event = "restarted", AtSeconds = 8.6, Expected = true }],
            CastLedger = new CastLedgerRecord { Sent = 20000, ReceivedUnique = 19990, Redelivered = 12, Duplicates = 0 },
        };
        var unrecovered = Samples.Scenario("call.add", 400_000, 2500, seconds: 25) with
        {
            Faults = [new FaultRecord { Kind = "memory-alarm", Spec = "memory-alarm@10s+5s", AtSeconds = 10, DurationSeconds = 5, OkPerSecondBefore = 2500, TimedOutInWindow = 320 }],
        };
        var paths = new[]
        {
            Write("broker-restart", Samples.WithFaults()),
            Write("memory-alarm", unrecovered),
            Write("casts-ack-after", casts),
            Write("no-fault", Samples.Scenario("call.add", 380_000, 2600)),
        };

        GoldenFile.Assert("table-faults", "md", new FaultsTable().Render(paths));
    }

    [Fact]
    public void Cluster_table_lists_scenarios_then_faults_with_node_downtime_and_ledger()
    {
        Dictionary<string, string> On(string nodes, string queue, string? fault = null)
        {
            var settings = new Dictionary<string, string> { ["nodes"] = nodes, ["queueType"] = queue, ["timeout"] = "5" };
            if (fault is not null)
            {
                settings["fault"] = fault;
            }

            return settings;
        }

        List<CostRecord> Cpu(int nodes) => [new("client", 4.1234, 40), new("worker", 3.5, 35), .. Enumerable.Range(1, nodes).Select(i => new CostRecord("broker:node" + i, 2.0 + i, 20))];
        var oneNode = Samples.Scenario("call.add", 3_700_000, 3538, settings: On("1", "classic")) with { Cost = Cpu(1) };
        var quorum = Samples.Scenario("call.add", 14_400_000, 1018, settings: On("3", "quorum")) with { Cost = Cpu(3) };
        var leaderKill = Samples.Scenario("call.add", 14_000_000, 950, seconds: 14, settings: On("3", "quorum", "node-kill:leader@4s+4s")) with
        {
            Cost = Cpu(3),
            Faults = [new FaultRecord { Kind = "node-kill", Spec = "node-kill:leader@4s+4s", AtSeconds = 4, DurationSeconds = 4, RecoverySeconds = 3.04, OkPerSecondBefore = 1012.6, TimedOutInWindow = 16, DowntimeSeconds = 6, Node = "bench-node2@localhost; leader of the queue" }],
        };
        var castFollower = Samples.Scenario("cast.count", 2_000_000, 800, seconds: 14, settings: On("3", "quorum", "node-kill:follower@4s+4s")) with
        {
            Cost = Cpu(3),
            OneWay = Samples.Scenario("cast.count", 1_500_000, 800).Latency.Corrected,
            Faults = [new FaultRecord { Kind = "node-kill", Spec = "node-kill:follower@4s+4s", AtSeconds = 4, DurationSeconds = 4, OkPerSecondBefore = 790 }],
            CastLedger = new CastLedgerRecord { Sent = 10579, ReceivedUnique = 10579, Redelivered = 3 },
        };
        var run = Samples.Run("20261121T060000Z-0123456", oneNode, quorum, leaderKill, castFollower) with { Suite = "cluster", Incomplete = true };

        GoldenFile.Assert("table-cluster", "md", new ClusterTable().Render([Write("cluster", run)]));
    }

    [Fact]
    public void Agents_table_has_merged_figures_per_agent_count_and_the_start_skew()
    {
        RunResult Merged(int count, params double[] skews)
        {
            var agents = skews.Select((skew, i) => new AgentRecord { Index = i, Count = count, Host = "agent-" + i, StartSkewMs = skew, Throughput = 3300.0 / count + i, Issued = 33000 / count, Ok = 33000 / count }).ToList();
            return Samples.Run("merged-" + count, Samples.Scenario("call.echo", 3_600_000 + (count * 100_000), 3300 - (count * 10))) with { Agents = agents };
        }

        var missing = Merged(3, 0, 2.1, 4.2);
        missing.Agents![2] = missing.Agents[2] with { Missing = true, StartSkewMs = null };
        var paths = new[] { Write("agents-1", Merged(1, 0)), Write("agents-2", Merged(2, 0.35, 2.45)), Write("agents-3", missing) };

        GoldenFile.Assert("table-agents", "md", new AgentsTable().Render(paths));
    }

    [Fact]
    public void Celery_workers_table_puts_the_fastest_csharp_worker_beside_the_fastest_celery_worker()
    {
        GoldenFile.Assert("table-celery-workers", "md", new CeleryWorkersTable().Render([Write("celery", Samples.CeleryRun())]));
    }

    [Fact]
    public void Celery_workers_table_says_which_worker_the_run_lacks()
    {
        var run = Samples.Run("20261121T060000Z-0123456", Samples.CeleryAdd(410, workerCpu: 310.6, ("pool", "solo")));

        var error = Assert.Throws<ResultFormatException>(() => new CeleryWorkersTable().Render([Write("celery", run)]));
        Assert.Equal("--table celery-workers: the run has no celery.add driven by Bench's client with worker=bench", error.Message);
    }

    [Fact]
    public void Rpc_vs_raw_table_has_each_runs_ratios_then_the_hop_medians()
    {
        ScenarioRecord Call(string id, int outstanding, double rate, long latencyNs, string? hops = null)
        {
            var settings = new Dictionary<string, string> { ["outstanding"] = outstanding.ToString(System.Globalization.CultureInfo.InvariantCulture), ["route"] = "exchange" };
            if (hops is not null)
            {
                settings["hops"] = hops;
            }

            // Thread-pool work items: the raw baseline hands each request on once per process, Bench's worker twice.
            var workerItems = id.StartsWith("raw.", StringComparison.Ordinal) ? 1.0 : 2.0;
            return Samples.Scenario(id, latencyNs, rate, settings: settings) with
            {
                Cost = [new CostRecord("client", 1.0, 20, 10_000, 1.0), new CostRecord("worker", 1.2, 25, (long)(10_000 * workerItems), workerItems), new CostRecord("broker", 2.0, 45)],
            };
        }

        HopRecord Hop(string name, params long[] ns)
        {
            var h = new LatencyHistogram();
            foreach (var value in ns)
            {
                h.Record(value);
            }

            return HopRecord.From(name, h);
        }

        List<HopRecord> Hops(long scale) => [Hop("to worker", 330_000 * scale, 340_000 * scale), Hop("waiting in worker", 25_000 * scale), Hop("handler", 2_000), Hop("writing reply", 1_000), Hop("reply to client", 280_000 * scale, 290_000 * scale)];
        var calls = Samples.Run("calls",
            Call("raw.call", 1, 1500, 600_000), Call("call.add", 1, 1300, 660_000, "on") with { Hops = Hops(1) }, Call("call.add", 1, 1400, 640_000),
            Call("raw.call", 64, 9000, 7_000_000), Call("call.add", 64, 6500, 10_000_000, "on") with { Hops = Hops(15) }, Call("call.add", 64, 7000, 9_500_000),
            Call("raw.call", 1, 1520, 590_000) with { Repetition = 2 }, Call("call.add", 1, 1310, 670_000, "on") with { Repetition = 2, Hops = Hops(1) }, Call("call.add", 1, 1390, 650_000) with { Repetition = 2 });
        var casts = Samples.Run("casts", Call("raw.cast", 64, 20000, 5_000_000), Call("cast.count", 64, 15000, 6_000_000));

        GoldenFile.Assert("table-rpc-vs-raw", "md", new RpcVsRawTable().Render([Write("calls", calls), Write("casts", casts)]));
    }

    [Fact]
    public void Own_service_table_has_python_and_bench_rows_per_target_and_outstanding()
    {
        File.WriteAllText(Path.Combine(_folder, "oslo-python-1.json"), """{"ok": 4210, "failed": 0, "timeout": 0, "seconds": 10.002, "requestsPerSecond": 420.9, "p50Us": 2301.4, "p99Us": 4012.0}""");
        File.WriteAllText(Path.Combine(_folder, "oslo-python-8.json"), """{"ok": 9100, "failed": 2, "timeout": 1, "seconds": 10.01, "requestsPerSecond": 909.1, "p50Us": 8700.2, "p99Us": 15000.9}""");
        File.WriteAllText(Path.Combine(_folder, "celery-python-1.json"), """{"ok": 0, "failed": 0, "timeout": 5, "seconds": 0.0, "requestsPerSecond": 0.0, "p50Us": null, "p99Us": null}""");
        Write("oslo-bench-1", Samples.Scenario("oslo.call", 1_200_000, 810, settings: new Dictionary<string, string> { ["target"] = "oslo" }));
        Write("oslo-bench-8", Samples.Scenario("oslo.call", 4_000_000, 2000.04));
        File.WriteAllText(Path.Combine(_folder, "celery-bench-1.log"), "bench: the target's queue shop has no consumer\n");

        var table = new OwnServiceTable().Render([_folder]);

        GoldenFile.Assert("table-own-service", "md", table.Replace(_folder, "DIR", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_table_is_found_by_its_name_and_an_unknown_name_is_not()
    {
        Assert.Equal(["faults", "cluster", "agents", "celery-workers", "rpc-vs-raw", "own-service"], FigureTables.All.Select(t => t.Name));
        Assert.All(FigureTables.All, t => Assert.Same(t, FigureTables.Find(t.Name)));
        Assert.Null(FigureTables.Find("fault"));
    }

    [Fact]
    public void A_table_given_the_wrong_number_of_runs_or_a_missing_one_says_so_in_one_line()
    {
        var one = Write("one", Samples.Run("one", Samples.Scenario("call.add", 380_000, 2600)));

        var twoForOne = Assert.Throws<ResultFormatException>(() => new ClusterTable().Render([one, one]));
        Assert.Equal("--table cluster takes 1 run folder, got 2", twoForOne.Message);
        var missing = Assert.Throws<ResultFormatException>(() => new FaultsTable().Render([Path.Combine(_folder, "nowhere")]));
        Assert.StartsWith("no results at ", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing.Message);
    }

    private string Write(string name, ScenarioRecord scenario) => Write(name, Samples.Run(name, scenario));

    private string Write(string name, RunResult run)
    {
        var folder = Path.Combine(_folder, name);
        ResultStore.Write(Path.Combine(folder, ResultStore.ResultsFileName), run);
        return folder;
    }
}

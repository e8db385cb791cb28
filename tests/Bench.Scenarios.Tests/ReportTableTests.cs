using System.Diagnostics;
using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench report --table NAME RESULTS...` on a real run: the rpc-vs-raw table of a short interleaved run of raw.call
/// and call.add (hops on) has the matched pair's ratios and the hop medians; a bad table name is one line and exit 2.
/// The tables' exact text is pinned by golden files in Bench.Reporting.Tests. The figures driver that prints them
/// refuses a bad name or option in one line, exit 2, before it builds or measures anything.
/// </summary>
public sealed class ReportTableTests(BrokerFixture broker) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bench-table-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task The_rpc_vs_raw_table_of_a_real_run_has_the_pairs_ratio_and_the_hops()
    {
        var output = Path.Combine(_root, "calls");
        using var run = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "raw.call,call.add", "--outstanding", "2", "--hops", "on", "--route", "exchange",
            "--duration", "2", "--warmup", "1", "--amqp", broker.Uri.Uri.OriginalString, "--out", output);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        using var table = await BenchCli.RunAsync(s_timeout, "report", "--table", "rpc-vs-raw", output);

        Assert.True(table.ExitCode == 0, table.Stdout + table.Stderr);
        var lines = table.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("| `call.add outstanding=2 route=exchange` | `raw.call outstanding=2 route=exchange` | ", StringComparison.Ordinal));
        var hops = Assert.Single(lines, l => l.StartsWith("| 2 | ", StringComparison.Ordinal));
        var s = Assert.Single(ResultStore.Read(output).Scenarios, s => s.Id == "call.add");
        Assert.Equal(s.Hops.Count + 3, hops.Count(c => c == '|') - 1);
        Assert.Contains("## call.add hop means, µs (median over repetitions)", lines);

        // Thread-pool work items per request, in both processes of both sides: counts, consistent with their totals.
        foreach (var scenario in ResultStore.Read(output).Scenarios)
        {
            var completed = scenario.Counts.Ok + scenario.Counts.Failed + scenario.Counts.TimedOut;
            Assert.True(completed > 0, scenario.Id);
            foreach (var process in new[] { "client", "worker" })
            {
                var cost = Assert.Single(scenario.Cost, c => c.Process == process);
                Assert.NotNull(cost.WorkItems);
                Assert.InRange(cost.WorkItems!.Value, 0, completed * 50L);
                Assert.Equal((double)cost.WorkItems.Value / completed, cost.WorkItemsPerRequest!.Value, 9);
            }
        }

        var pair = Assert.Single(lines, l => l.StartsWith("| `call.add outstanding=2", StringComparison.Ordinal));
        Assert.Matches(@"\| \d+\.\d\d/\d+\.\d\d · \d+\.\d\d/\d+\.\d\d \|$", pair.TrimEnd());
    }

    [Fact]
    public async Task An_unknown_table_or_a_missing_results_folder_is_one_line_and_exit_code_2()
    {
        using var unknown = await BenchCli.RunAsync(s_timeout, "report", "--table", "fault", _root);
        using var missing = await BenchCli.RunAsync(s_timeout, "report", "--table", "faults", Path.Combine(_root, "nowhere"));
        using var none = await BenchCli.RunAsync(s_timeout, "report", "--table", "cluster");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("bench: unknown table 'fault' (tables: faults, cluster, agents, celery-workers, rpc-vs-raw, own-service)", unknown.Stderr.Trim());
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
        Assert.Contains("no results at", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, none.ExitCode);
        Assert.Single(none.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("nope", "figures.sh: unknown figures 'nope'; give one of: faults, cluster, agents, celery-workers, rpc-vs-raw, own-service")]
    [InlineData("faults --python-only", "figures.sh faults: unknown option --python-only (options: --out DIR --from DIR --duration --only)")]
    [InlineData("cluster --out /tmp/a --from /tmp/b", "figures.sh cluster: --out and --from exclude each other (options: --out DIR --from DIR)")]
    public async Task The_figures_driver_refuses_a_bad_name_or_option_in_one_line_with_exit_code_2(string arguments, string line)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoRoot.Path, "scripts", "figures.sh"));
        foreach (var argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(line, (await stderr).Trim());
        Assert.Empty(stdout);
    }
}

using Bench.Broker;
using Bench.Reporting;
using Bench.Reporting.Broker;

namespace Bench.Scenarios.Tests;

/// <summary>`bench run` with the broker's view: sampled from a real node's rabbitmq_prometheus, consistent, masked, and refused before any load when its URL is wrong.</summary>
public sealed class BrokerViewRunTests : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_run_on_the_private_node_carries_the_broker_view_and_is_consistent()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "4", "--outstanding", "8", "--warmup", "1", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        var broker = Assert.IsType<BrokerRecord>(s.Broker);
        Assert.Equal("private node", broker.Source);
        Assert.All(broker.Queues, q => Assert.StartsWith("bench.call.add.", q, StringComparison.Ordinal));
        Assert.Contains(broker.Seconds, p => p.Phase == BrokerPhases.WarmUp);
        Assert.InRange(broker.Summary.Samples, 2, 6);
        Assert.Equal(0, broker.Summary.GapSeconds);
        Assert.True(broker.Summary.Delivered > 0 && broker.Summary.MeanUtilisation is not null, "no deliveries or utilisation sampled");
        Assert.True(broker.Sampler.CpuSeconds > 0 && broker.Sampler.BytesRead > 0);
        Assert.NotEqual("unknown", s.Bottleneck!.Who);
        var consistency = Assert.IsType<ConsistencyRecord>(s.Consistency);
        Assert.Equal(["littles-law", "broker-delivered", "depth-vs-outstanding"], consistency.Checks.Select(c => c.Name));
        Assert.False(consistency.Inconsistent, string.Join("; ", consistency.Checks.Select(c => c.Meaning + " residual " + c.Residual)));
        Assert.Contains("### The broker's view", File.ReadAllText(Path.Combine(Out, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_broker_is_sampled_through_broker_metrics_with_its_credentials_masked()
    {
        await using var node = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Prometheus = true });
        var metrics = $"http://watcher:Sup3rSecret@127.0.0.1:{node.PrometheusPort}/metrics";

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "2", "--warmup", "0.5", "--amqp", node.Uri.Uri.OriginalString, "--broker-metrics", metrics, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal($"http://127.0.0.1:{node.PrometheusPort}/metrics", s.Broker!.Source);
        Assert.True(s.Broker.Summary.Samples > 0);
        foreach (var file in new[] { "results.json", "summary.md", "report.html" })
        {
            Assert.DoesNotContain("Sup3rSecret", File.ReadAllText(Path.Combine(Out, file)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Sup3rSecret", cli.Stdout + cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_broker_without_broker_metrics_says_the_view_is_missing()
    {
        await using var node = await PrivateBroker.StartAsync();

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "200", "--warmup", "0", "--amqp", node.Uri.Uri.OriginalString, "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Null(s.Broker);
        Assert.Single(s.Notes, n => n.StartsWith("the broker's view is missing", StringComparison.Ordinal));
        Assert.Equal("unknown", s.Bottleneck!.Who);
    }

    [Fact]
    public async Task Broker_view_on_and_off_are_two_variants_of_one_run()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--duration", "1", "--warmup", "0", "--broker-view", "on,off", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Equal(2, run.Scenarios.Select(s => s.SettingsKey).Distinct().Count());
        Assert.NotNull(run.Scenarios.Single(s => !s.Settings.ContainsKey("brokerView")).Broker);
        var off = run.Scenarios.Single(s => s.Settings.TryGetValue("brokerView", out var v) && v == "off");
        Assert.Null(off.Broker);
        Assert.Contains(off.Notes, n => n.StartsWith("the broker's view is off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://user:pw0rd@127.0.0.1:1/metrics", "unreachable")]
    [InlineData("ftp://127.0.0.1/metrics", "is not an http(s)://host:port/metrics URL")]
    public async Task A_wrong_broker_metrics_url_is_one_line_and_exit_2_before_any_load(string url, string says)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "10", "--broker-metrics", url, "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain("pw0rd", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }
}

using Bench.Reporting;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `--tls off,on`: one private node listens on amqp and amqps, and the same scenarios run over both in one run, their
/// workers connecting the same way; the transport is recorded in the settings key, so a report compares them.
/// </summary>
public sealed class TlsRunTests : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Calls_and_casts_run_over_plain_and_TLS_in_one_run()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add,cast.count", "--tls", "off,on", "--requests", "600", "--outstanding", "4", "--warmup", "0", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Equal(4, run.Scenarios.Count);
        Assert.All(run.Scenarios, s => Assert.Equal((600L, 600L, true), (s.Counts.Issued, s.Counts.Ok, s.Counts.Accounted)));
        Assert.Equal(600L, run.Scenarios.Single(s => s.Id == "cast.count" && s.Settings.ContainsKey("amqp")).Counts.Delivered);
        // Plain amqp keeps the settings keys it always had; TLS adds amqp=amqps.
        Assert.Equal([null, "amqps", null, "amqps"], run.Scenarios.Select(s => s.Settings.GetValueOrDefault("amqp")));
    }

    [Fact]
    public async Task Tls_on_an_external_broker_is_refused_in_one_line()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--tls", "on", "--amqp", "amqp://127.0.0.1:1/");

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("amqps:// --amqp", Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}

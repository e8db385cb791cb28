namespace Bench.Scenarios.Tests;

/// <summary>`--help` lists every option from the one options table, with its description and default.</summary>
public sealed class HelpTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Run_help_lists_every_setting_with_its_default()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--help");

        Assert.Equal(0, cli.ExitCode);
        foreach (var line in new[] { "--prefetch N|unlimited", "(default unlimited)", "--target oslo|celery", "--assert EXPR", "--file PATH", "--suite NAME", "celery", "--ramp-to PER_SECOND", "--handler-timeout SECONDS|off", "--queue-type classic|quorum" })
        {
            Assert.Contains(line, cli.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Worker_help_lists_the_worker_settings_and_not_the_run_ones()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "worker", "--help");

        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("--prefetch N|unlimited", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("--acks-late true|false", cli.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--outstanding", cli.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare", "bench compare BASE DIFF")]
    [InlineData("report", "bench report")]
    [InlineData("history", "bench history")]
    [InlineData("call", "bench call")]
    [InlineData("broker", "bench broker")]
    public async Task Every_other_command_answers_help_with_its_usage(string command, string usage)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, command, "--help");

        Assert.Equal(0, cli.ExitCode);
        Assert.StartsWith("usage: " + usage, cli.Stdout, StringComparison.Ordinal);
    }
}

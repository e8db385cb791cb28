using Bench.Reporting;

namespace Bench.Scenarios.Tests;

/// <summary>
/// Per-hop latency of calls (issue 11): a call scenario's record splits the round trip into hops whose means add up
/// to the mean round trip within 5%, at 1 and 64 outstanding, on a real private broker with Bench's workers in their
/// own processes; `--hops off` and oslo's protocol costs as settings run and are recorded in the settings key.
/// </summary>
public sealed class HopsRunTests : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Hop_means_add_up_to_the_mean_round_trip()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--hops", "on", "--outstanding", "1,64", "--requests", "5000", "--warmup", "1", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var run = ResultStore.Read(Out);
        Assert.Equal(2, run.Scenarios.Count);
        Assert.All(run.Scenarios, s =>
        {
            Assert.Equal("on", s.Settings["hops"]);
            Assert.Equal(["to worker", "waiting in worker", "handler", "writing reply", "reply to client"], s.Hops.Select(h => h.Name));
            // A warm-up second first: without it, the first calls' JIT and thread-pool growth sit between the reply's arrival
            // and the caller's resumption, outside every hop (9% of a 3,000-call run at 64 outstanding). Recording
            // restarts with measurement, which begins with no call in flight: each hop saw each measured call once.
            Assert.All(s.Hops, h => Assert.Equal(s.Counts.Ok, h.Count));
            Assert.All(s.Hops, h => Assert.True(h.MeanUs >= 0 && h.P50Us <= h.P99Us, $"{h.Name}: mean {h.MeanUs} p50 {h.P50Us} p99 {h.P99Us}"));
            var sum = s.Hops.Sum(h => h.MeanUs);
            var roundTrip = s.Latency.Raw.MeanUs;
            Assert.True(Math.Abs(sum - roundTrip) <= 0.05 * roundTrip, $"outstanding {s.Settings["outstanding"]}: hops add up to {sum:0.0} µs, the mean round trip is {roundTrip:0.0} µs");
            Assert.Equal("monotonic (one host)", s.HopsClock);
        });
        Assert.Contains("## Where call time went", File.ReadAllText(Path.Combine(Out, "summary.md")), StringComparison.Ordinal);
        Assert.Contains("\"hops\"", File.ReadAllText(Path.Combine(Out, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protocol_costs_are_settings_recorded_in_the_key()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "300", "--outstanding", "4", "--warmup", "0",
            "--ttl", "off", "--reply-persistent", "false", "--reply-mandatory", "false", "--reply-channel", "shared", "--route", "queue", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal((300L, 300L, true), (s.Counts.Issued, s.Counts.Ok, s.Counts.Accounted));
        Assert.Empty(s.Hops);
        foreach (var (key, value) in new[] { ("ttl", "off"), ("replyPersistent", "false"), ("replyMandatory", "false"), ("replyChannel", "shared"), ("route", "queue") })
        {
            Assert.Equal(value, s.Settings[key]);
        }
    }

    [Fact]
    public async Task A_protocol_setting_a_cast_does_not_take_is_refused()
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "cast.count", "--ttl", "off");

        Assert.Equal(2, cli.ExitCode);
        Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

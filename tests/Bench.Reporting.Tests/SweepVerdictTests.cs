using Bench.Reporting.Sweeps;

namespace Bench.Reporting.Tests;

/// <summary>The verdict in words on a synthetic sweep whose answer is known, and neighbour comparisons along each setting.</summary>
public sealed class SweepVerdictTests
{
    [Fact]
    public void Verdict_names_the_best_prefetch_and_says_direct_was_slower_at_every_prefetch()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport(repetitions: 3)));

        var sentences = SweepVerdict.Sentences(sweep);

        // Medians of 3 repetitions (the third 4% above the first), each claim tested across them.
        Assert.StartsWith("Most ok/s: prefetch=100 · reply-queue (8,160/s)", sentences[0], StringComparison.Ordinal);
        Assert.Contains(sentences, s => s.StartsWith("prefetch 100 gave the most ok/s (8,160/s at reply-queue; 10: 5,100/s; unlimited: 7,344/s), +433% over prefetch 1 (faster; told apart from noise across the repetitions (p < 0.0001))", StringComparison.Ordinal)
            && s.Contains("the same value led at every transport", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("transport direct against reply-queue: slower at every prefetch (ok/s -30%, p50 +43%, p99 +43%; told apart from noise across the repetitions (p < 0.0001))", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.StartsWith("prefetch unlimited against 1: faster at every transport", StringComparison.Ordinal));
    }

    [Fact]
    public void More_load_that_gains_throughput_and_loses_latency_is_a_trade_off_not_slower()
    {
        // Closed model, Little's law: 64 outstanding gives 3.75x the throughput at 17x the latency of 1 outstanding.
        var scenarios = new List<ScenarioRecord>();
        foreach (var (outstanding, tput) in new[] { ("1", 1600.0), ("64", 6000.0) })
        {
            for (var rep = 1; rep <= 3; rep++)
            {
                var t = tput * (1 + (0.02 * (rep - 1)));
                scenarios.Add(Samples.Scenario("call.add", (long)(int.Parse(outstanding, System.Globalization.CultureInfo.InvariantCulture) * 1e9 / t), t,
                    settings: new Dictionary<string, string> { ["outstanding"] = outstanding, ["route"] = "exchange" }) with { Repetition = rep });
            }
        }

        var sentences = SweepVerdict.Sentences(Assert.Single(Sweep.AllOf(Samples.Run("20261122T070000Z-0123456", [.. scenarios]))));

        Assert.Contains(sentences, s => s.StartsWith("outstanding 64 against 1: more throughput at higher latency (ok/s +275%", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.Contains("slower", StringComparison.Ordinal));
    }

    [Fact]
    public void With_one_run_a_side_each_figure_is_said_once_and_the_uncertainty_in_words()
    {
        var sentences = SweepVerdict.Sentences(Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport())));

        var transport = Assert.Single(sentences, s => s.StartsWith("transport direct against reply-queue", StringComparison.Ordinal));
        Assert.Equal("transport direct against reply-queue: slower at every prefetch (ok/s -30%, p50 +43%, p99 +43%; one run each: differences under 15% cannot be told from noise here; use --repeat 3).", transport);
        Assert.All(sentences, s => Assert.DoesNotMatch(@"\d\.\d%|untested|p=", s));
    }

    [Fact]
    public void Neighbours_are_compared_along_each_setting_with_the_others_equal()
    {
        var sweep = Assert.Single(Sweep.AllOf(SweepSamples.PrefetchByTransport(repetitions: 3)));

        var prefetch = NeighbourComparison.Along(sweep, sweep.Swept[0]);
        var transport = NeighbourComparison.Along(sweep, sweep.Swept[1]);

        // 3 steps along prefetch at each of 2 transports; 1 step along transport at each of 4 prefetches.
        Assert.Equal(["1→10 at reply-queue", "10→100 at reply-queue", "100→unlimited at reply-queue", "1→10 at direct", "10→100 at direct", "100→unlimited at direct"],
            prefetch.Select(c => c.From + "→" + c.To + " at " + c.At));
        Assert.Equal([Comparison.Verdict.Faster, Comparison.Verdict.Faster, Comparison.Verdict.Slower], prefetch.Take(3).Select(c => c.Result.Verdict));
        Assert.Equal(4, transport.Count);
        Assert.All(transport, c => Assert.Equal(Comparison.Verdict.Slower, c.Result.Verdict));
    }

    [Fact]
    public void Summary_gives_the_verdict_in_words_and_a_pivot_table()
    {
        GoldenFile.Assert("summary-sweep", "md", MarkdownSummary.Render(SweepSamples.PrefetchByTransport(repetitions: 3)));
    }
}

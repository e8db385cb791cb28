using Bench.Reporting.Broker;

namespace Bench.Reporting.Tests;

/// <summary>The consistency check and the bottleneck verdict on synthetic records: consistent runs pass, planted disagreements are flagged.</summary>
public sealed class BrokerAnalysisTests
{
    // Closed, 8 outstanding, 2,000 ok/s at 4 ms each: Little's law holds exactly (2,000 × 0.004 = 8).
    private static ScenarioRecord Consistent(double meanReady = 0.2, double meanUnacked = 1, double utilisation = 1, double delivered = 16_000) =>
        Samples.Scenario("call.add", 4_000_000, 2000, jitter: 0) with
        {
            IssueSeconds = 8,
            Broker = Broker(meanReady, meanUnacked, utilisation, delivered),
        };

    private static BrokerRecord Broker(double ready, double unacked, double utilisation, double delivered, int memoryAlarmSeconds = 0)
    {
        var seconds = Enumerable.Range(1, 8).Select(i => new BrokerSecondRecord
        {
            At = i,
            Phase = BrokerPhases.Measure,
            Ready = ready,
            Unacked = unacked,
            Consumers = 1,
            Utilisation = utilisation,
            DeliveredPerSecond = delivered / 8,
            MemoryAlarm = i <= memoryAlarmSeconds,
        }).ToList();
        return new BrokerRecord { Source = "private node", Queues = ["bench.call.add.q"], Seconds = seconds, Summary = BrokerSummaryOf(seconds), Sampler = new BrokerSamplerRecord(9, 0, 9000, 0.01) };
    }

    private static BrokerSummaryRecord BrokerSummaryOf(List<BrokerSecondRecord> seconds) => new()
    {
        Samples = seconds.Count,
        MeanReady = seconds.Average(s => s.Ready),
        MaxReady = seconds.Max(s => s.Ready),
        MeanUnacked = seconds.Average(s => s.Unacked),
        MeanUtilisation = seconds.Average(s => s.Utilisation!.Value),
        Delivered = seconds.Sum(s => s.DeliveredPerSecond),
        MemoryAlarmSeconds = seconds.Count(s => s.MemoryAlarm),
    };

    [Fact]
    public void A_consistent_closed_run_passes_every_check()
    {
        var record = BrokerAnalysis.Apply(Consistent());

        var c = Assert.IsType<ConsistencyRecord>(record.Consistency);
        Assert.Equal(["littles-law", "broker-delivered", "depth-vs-outstanding"], c.Checks.Select(k => k.Name));
        Assert.False(c.Inconsistent);
        Assert.Equal(0, c.Checks[0].Residual, 3);
        Assert.DoesNotContain(record.Notes, n => n.StartsWith("inconsistent", StringComparison.Ordinal));
    }

    [Fact]
    public void Lost_deliveries_are_flagged_inconsistent()
    {
        // The broker delivered 30% fewer messages than Bench counted ok: a planted disagreement.
        var record = BrokerAnalysis.Apply(Consistent(delivered: 11_200));

        Assert.True(record.Consistency!.Inconsistent);
        var failed = Assert.Single(record.Consistency.Checks, k => !k.Passed);
        Assert.Equal("broker-delivered", failed.Name);
        Assert.Equal(-0.3, failed.Residual, 3);
        Assert.Contains(record.Notes, n => n.StartsWith("inconsistent: broker-delivered", StringComparison.Ordinal));
    }

    [Fact]
    public void A_generator_that_fell_behind_breaks_littles_law()
    {
        // Half the ok/s the latency allows with 8 outstanding: time went missing outside the measurement.
        var record = BrokerAnalysis.Apply(Consistent() with { Throughput = 1000, Broker = null });

        var little = Assert.Single(record.Consistency!.Checks);
        Assert.Equal(("littles-law", false, -0.5), (little.Name, little.Passed, little.Residual));
    }

    [Fact]
    public void A_queue_deeper_than_what_is_outstanding_is_flagged()
    {
        var record = BrokerAnalysis.Apply(Consistent(meanReady: 30, meanUnacked: 8, utilisation: 0.2));

        Assert.False(Assert.Single(record.Consistency!.Checks, k => k.Name == "depth-vs-outstanding").Passed);
    }

    [Fact]
    public void A_cast_flood_backlog_is_not_a_depth_disagreement()
    {
        var record = BrokerAnalysis.Apply(Consistent(meanReady: 300, meanUnacked: 200, utilisation: 0.9) with { LatencyKind = "one-way (at worker)" });

        Assert.Null(record.Consistency);
    }

    [Fact]
    public void Bottleneck_in_words_follows_the_evidence()
    {
        Assert.Equal("worker", BottleneckVerdict.Decide(Consistent(meanReady: 6, meanUnacked: 1, utilisation: 0.3)).Who);
        Assert.Equal("client", BottleneckVerdict.Decide(Consistent(meanReady: 0.1, meanUnacked: 1, utilisation: 1)).Who);
        Assert.Equal("unclear", BottleneckVerdict.Decide(Consistent(meanReady: 2, meanUnacked: 1, utilisation: 1)).Who);
        var broker = BottleneckVerdict.Decide(Consistent() with { Broker = Broker(0, 1, 1, 16_000, memoryAlarmSeconds: 3) });
        Assert.Equal(("broker", "the broker: publishers were blocked by a memory alarm for 3 s"), (broker.Who, broker.Words));
        Assert.Equal("unknown", BottleneckVerdict.Decide(Consistent() with { Broker = null }).Who);
        Assert.StartsWith("the worker: its queue held 6 ready messages on average", BottleneckVerdict.Decide(Consistent(meanReady: 6, meanUnacked: 1, utilisation: 0.3)).Words, StringComparison.Ordinal);
    }

    [Fact]
    public void Repetitions_combine_by_summing_counts_and_weighting_means()
    {
        var a = Consistent(meanReady: 2, delivered: 16_000);
        var b = Consistent(meanReady: 4, delivered: 8_000) with { Broker = Broker(4, 1, 0.5, 8_000) with { Seconds = [], Summary = BrokerSummaryOf([.. Broker(4, 1, 0.5, 8_000).Seconds.Take(4)]) } };

        var combined = BrokerVariant.Summary([a, b])!;

        Assert.Equal(12, combined.Samples);
        Assert.Equal((2.0 * 8 + 4.0 * 4) / 12, combined.MeanReady, 9);
        Assert.Equal(16_000 + 4_000, combined.Delivered);
        Assert.Equal(4, combined.MaxReady);
        Assert.Equal("unclear", BrokerVariant.Bottleneck([BrokerAnalysis.Apply(Consistent(meanReady: 6, utilisation: 0.3)), BrokerAnalysis.Apply(Consistent())]).Who);
    }

    [Fact]
    public void Summary_shows_the_broker_view_and_flags_inconsistency()
    {
        var run = Samples.Run("r1", BrokerAnalysis.Apply(Consistent()), BrokerAnalysis.Apply(Consistent(delivered: 11_200)));

        var markdown = MarkdownSummary.Render(run);

        Assert.Contains("### The broker's view", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ inconsistent", markdown, StringComparison.Ordinal);
        Assert.Contains("broker-delivered median", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_draws_depth_and_utilisation_panels_and_the_effect_of_a_sweep()
    {
        ScenarioRecord Variant(string prefetch, double ready, double utilisation) => BrokerAnalysis.Apply(Consistent(meanReady: ready, utilisation: utilisation) with
        {
            Throughput = prefetch == "1" ? 1500 : 2000,
            Settings = new SortedDictionary<string, string>(Consistent().Settings) { ["prefetch"] = prefetch },
            SettingsKey = "prefetch=" + prefetch,
        });
        var run = Samples.Run("r1", Variant("1", 6, 0.3), Variant("unlimited", 0.1, 1));

        var html = Html.HtmlReport.Render([run], plotlyJs: string.Empty);

        Assert.Contains("timeline-broker-depth", html, StringComparison.Ordinal);
        Assert.Contains("timeline-broker-utilisation", html, StringComparison.Ordinal);
        Assert.Contains("view of prefetch", html, StringComparison.Ordinal);
        Assert.Contains("id=\"broker-view\"", html, StringComparison.Ordinal);
        Assert.Contains("the worker: its queue held 6 ready messages", html, StringComparison.Ordinal);
        Assert.Contains("Why prefetch=unlimited won", html, StringComparison.Ordinal);
    }
}

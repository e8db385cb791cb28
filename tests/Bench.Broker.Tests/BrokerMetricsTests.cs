using System.Diagnostics;
using Bench.Broker.Metrics;
using Bench.Reporting.Broker;

namespace Bench.Broker.Tests;

/// <summary>Reading rabbitmq_prometheus pages (a capture from a 3.10.8 node) and turning scrapes into per-second figures.</summary>
public sealed class BrokerMetricsTests
{
    private static readonly string s_capture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captures", "detailed-3.10.8.txt"));

    [Fact]
    public void A_detailed_page_from_3_10_8_gives_queue_and_node_figures()
    {
        var scrape = BrokerScrapeReader.Read(s_capture, q => q.StartsWith("probe.", StringComparison.Ordinal), "endpoint", 0);

        Assert.Equal("bench-4ac58d7e91@localhost", scrape.Node);
        Assert.Equal(["probe.q", "probe.qq"], scrape.Queues.Keys.Order());
        Assert.Equal((50.0, 0.0, 0.0), (scrape.Queues["probe.q"].Ready, scrape.Queues["probe.q"].Unacked, scrape.Queues["probe.q"].Consumers));
        Assert.Equal(0.008, scrape.Queues["probe.qq"].RaftCommitLatencySeconds);
        Assert.Null(scrape.Queues["probe.q"].RaftCommitLatencySeconds);
        Assert.Equal((135344128.0, 10110463180.0, 1.0, 1.0), (scrape.MemoryBytes, scrape.MemoryLimitBytes, scrape.RunQueue, scrape.ConnectionsOpened));
        Assert.False(scrape.MemoryAlarm);
        Assert.True(BrokerScrapeReader.IsRabbitMq(s_capture));
        Assert.Empty(BrokerScrapeReader.Read(s_capture, q => q == "other", "endpoint", 0).Queues);
    }

    [Fact]
    public void Exposition_lines_parse_with_escapes_and_special_values()
    {
        Assert.True(PrometheusText.TryParseLine("m{a=\"x\\\"y\",b=\"2\"} +Inf 1700000000", out var s));
        Assert.Equal(("m", "x\"y", "2", double.PositiveInfinity), (s.Name, s.Label("a"), s.Label("b"), s.Value));
        Assert.True(PrometheusText.TryParseLine("plain 3.5e2", out var p));
        Assert.Equal(350, p.Value);
        Assert.False(PrometheusText.TryParseLine("# HELP m text", out _));
        Assert.False(PrometheusText.TryParseLine("broken{a=\"x} 1", out _));
    }

    [Fact]
    public void Counters_become_rates_per_series_and_a_failed_scrape_is_a_gap()
    {
        var f = Stopwatch.Frequency;
        var start = 1_000 * f;
        BrokerScrape Scrape(long at, params (string Key, QueueCounter Counter, double Value)[] counters) => new()
        {
            Node = "n",
            Timestamp = at,
            Queues = new() { ["q"] = new QueueFigures { Ready = 3, Consumers = 1, Utilisation = 0.5 } },
            Counters = counters.ToDictionary(c => c.Key, c => ("q", c.Counter, c.Value)),
        };

        var ticks = new List<BrokerTick>
        {
            new(start, [Scrape(start, ("p{ch=1}", QueueCounter.Published, 100))], null),
            new(start + f, [Scrape(start + f, ("p{ch=1}", QueueCounter.Published, 600), ("d{ch=2}", QueueCounter.Delivered, 40))], null),
            new(start + (2 * f), [null], "n: connection refused"),
            // Channel 1 closed (its series is gone: no negative rate); the rate spans the two seconds since the last good scrape.
            new(start + (3 * f), [Scrape(start + (3 * f), ("d{ch=2}", QueueCounter.Delivered, 240))], null),
        };

        var record = BrokerSeries.Build(new BrokerSampling(ticks, ["n"], 0.02, 1000, 4, 1), start, 2.2, "private node");

        Assert.Equal(3, record.Seconds.Count);
        Assert.Equal((500.0, 40.0), (record.Seconds[0].PublishedPerSecond, record.Seconds[0].DeliveredPerSecond));
        Assert.True(record.Seconds[1].Gap);
        Assert.Equal((0.0, 100.0), (record.Seconds[2].PublishedPerSecond, record.Seconds[2].DeliveredPerSecond));
        Assert.Equal(BrokerPhases.Measure, record.Seconds[0].Phase);
        Assert.Equal(BrokerPhases.Drain, record.Seconds[2].Phase); // its interval's middle (2.5 s) is after the issue window (2.2 s)
        Assert.Equal(BrokerPhases.WarmUp, BrokerSeries.Build(new BrokerSampling(ticks, ["n"], 0, 0, 4, 1), start + f, 10, "n").Seconds[0].Phase);
        Assert.Equal((1, 1, 3.0, 0.5), (record.Summary.Samples, record.Summary.GapSeconds, record.Summary.MeanReady, record.Summary.MeanUtilisation));
        Assert.Equal("n: connection refused", record.Sampler.FirstError);
    }

    [Fact]
    public void Endpoint_urls_keep_credentials_out_of_sight()
    {
        var endpoint = MetricsEndpoint.Parse("http://monitor:s3cret@broker.example:15692/metrics");

        Assert.Equal("http://broker.example:15692/metrics", endpoint.ToString());
        Assert.DoesNotContain("s3cret", endpoint.DetailedUri.ToString(), StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => MetricsEndpoint.Parse("amqp://u:pw@host:5672/"));
        Assert.DoesNotContain("pw", e.Message.Replace("amqp", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_its_check_in_one_line()
    {
        var endpoint = MetricsEndpoint.Parse("http://user:secret@127.0.0.1:1/metrics");

        var e = await Assert.ThrowsAsync<BrokerUnavailableException>(() => endpoint.CheckAsync(CancellationToken.None));

        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_node_with_the_plugin_is_sampled_once_a_second()
    {
        await using var node = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Prometheus = true }, TestContext.Current.CancellationToken);
        var endpoint = MetricsEndpoint.ForPrivateNode(node.MetricsUri!);
        await endpoint.CheckAsync(TestContext.Current.CancellationToken);

        await using var sampler = new BrokerSampler([endpoint], _ => true, TimeSpan.FromMilliseconds(300));
        sampler.Start();
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var sampling = await sampler.StopAsync();

        Assert.True(sampling.Ticks.Count >= 2, sampling.Ticks.Count + " ticks");
        Assert.All(sampling.Ticks, t => Assert.Null(t.Error));
        Assert.Equal(node.NodeName, sampling.Ticks[0].Scrapes[0]!.Node);
        Assert.True(sampling.BytesRead > 1000);
        Assert.True(sampling.CpuSeconds > 0);
        Assert.Equal(0, sampling.FailedScrapes);
    }
}

namespace Bench.Broker.Metrics;

/// <summary>
/// Turns a /metrics/detailed page into a <see cref="BrokerScrape"/>, keeping only the queues <c>wanted</c> says are the
/// scenario's. Families read (RabbitMQ 3.10.8, checked by curling a node): queue_coarse_metrics (ready, unacked),
/// queue_consumer_count, queue_metrics (consumer utilisation), channel_queue_metrics (delivered and acked per channel
/// and queue), channel_queue_exchange_metrics (published per channel and queue), ra_metrics (Raft commit latency per
/// quorum queue), connection_churn_metrics, node_coarse_metrics and node_metrics.
/// </summary>
public static class BrokerScrapeReader
{
    /// <summary>The query the sampler asks every node: exactly the families above, nothing per connection or exchange.</summary>
    public const string DetailedQuery = "/metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count&family=queue_metrics"
        + "&family=channel_queue_metrics&family=channel_queue_exchange_metrics&family=ra_metrics"
        + "&family=connection_churn_metrics&family=node_coarse_metrics&family=node_metrics";

    private const string Prefix = "rabbitmq_detailed_";

    public static BrokerScrape Read(string text, Func<string, bool> wanted, string endpoint, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var queues = new Dictionary<string, QueueFigures>();
        var counters = new Dictionary<string, (string, QueueCounter, double)>();
        string? node = null;
        double memory = 0, memoryLimit = 0, disk = 0, diskLimit = 0, runQueue = 0, connOpened = 0, connClosed = 0, chOpened = 0, chClosed = 0;
        foreach (var sample in PrometheusText.Parse(text))
        {
            if (sample.Name == "rabbitmq_identity_info")
            {
                node = sample.Label("rabbitmq_node") ?? node;
                continue;
            }

            if (!sample.Name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = sample.Name[Prefix.Length..];
            var queue = sample.Label("queue");
            if (queue is not null)
            {
                if (!wanted(queue))
                {
                    continue;
                }

                var figures = queues.TryGetValue(queue, out var known) ? known : queues[queue] = new QueueFigures();
                switch (name)
                {
                    case "queue_messages_ready":
                        figures.Ready = sample.Value;
                        break;
                    case "queue_messages_unacked":
                        figures.Unacked = sample.Value;
                        break;
                    case "queue_consumers":
                        figures.Consumers = sample.Value;
                        break;
                    case "queue_consumer_utilisation":
                        figures.Utilisation = double.IsFinite(sample.Value) ? sample.Value : null;
                        break;
                    case "raft_entry_commit_latency_seconds":
                        figures.RaftCommitLatencySeconds = sample.Value;
                        break;
                    case "queue_messages_published_total":
                        counters[Key(sample)] = (queue, QueueCounter.Published, sample.Value);
                        break;
                    case "channel_messages_delivered_ack_total" or "channel_messages_delivered_total":
                        counters[Key(sample)] = (queue, QueueCounter.Delivered, sample.Value);
                        break;
                    case "channel_messages_acked_total":
                        counters[Key(sample)] = (queue, QueueCounter.Acked, sample.Value);
                        break;
                }

                continue;
            }

            switch (name)
            {
                case "process_resident_memory_bytes":
                    memory = sample.Value;
                    break;
                case "resident_memory_limit_bytes":
                    memoryLimit = sample.Value;
                    break;
                case "disk_space_available_bytes":
                    disk = sample.Value;
                    break;
                case "disk_space_available_limit_bytes":
                    diskLimit = sample.Value;
                    break;
                case "erlang_scheduler_run_queue":
                    runQueue = sample.Value;
                    break;
                case "connections_opened_total":
                    connOpened = sample.Value;
                    break;
                case "connections_closed_total":
                    connClosed = sample.Value;
                    break;
                case "channels_opened_total":
                    chOpened = sample.Value;
                    break;
                case "channels_closed_total":
                    chClosed = sample.Value;
                    break;
            }
        }

        return new BrokerScrape
        {
            Node = node ?? endpoint,
            Timestamp = timestamp,
            Queues = queues,
            Counters = counters,
            MemoryBytes = memory,
            MemoryLimitBytes = memoryLimit,
            DiskFreeBytes = disk,
            DiskFreeLimitBytes = diskLimit,
            RunQueue = runQueue,
            ConnectionsOpened = connOpened,
            ConnectionsClosed = connClosed,
            ChannelsOpened = chOpened,
            ChannelsClosed = chClosed,
        };
    }

    /// <summary>True when the page is RabbitMQ's Prometheus plugin (it always carries rabbitmq_build_info).</summary>
    public static bool IsRabbitMq(string text) => text.Contains("rabbitmq_build_info", StringComparison.Ordinal);

    private static string Key(PrometheusText.Sample sample) =>
        sample.Name + "{" + string.Join(",", sample.Labels.Select(l => l.Key + "=" + l.Value)) + "}";
}

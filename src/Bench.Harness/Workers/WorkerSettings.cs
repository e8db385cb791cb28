using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Rpc.Server;

namespace Bench.Harness.Workers;

/// <summary>
/// A Bench oslo worker's settings, one way: a run passes its settings to a child `bench worker` as the same options
/// the worker reads (formatted by the options table), and both the worker process and an in-process worker build their
/// service options here.
/// </summary>
public static class WorkerSettings
{
    /// <summary>The service options of a worker with these settings on <paramref name="topic"/>.</summary>
    public static ServiceOptions ServiceOptions(ScenarioSettings settings, string topic, string host, IReadOnlyDictionary<string, double> rateLimits) => new()
    {
        Topic = topic,
        Host = host,
        Prefetch = settings.Prefetch,
        AckMode = settings.Ack,
        QueueKind = settings.QueueType,
        Durable = settings.Durable,
        RateLimits = new Dictionary<string, double>(rateLimits),
        HandlerTimeout = settings.HandlerTimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
        PersistentReplies = settings.ReplyPersistent,
        MandatoryReplies = settings.ReplyMandatory,
        SeparateReplyChannel = settings.SeparateReplyChannel,
    };

    /// <summary>`--prefetch N --ack receipt …`: the settings a child worker takes, as it parses them.</summary>
    public static IEnumerable<string> Arguments(ScenarioSettings settings)
    {
        foreach (var option in OptionTable.OsloWorkerSettings)
        {
            var text = option.Format(settings);
            if (!option.OmitDefault || text != option.RecordedDefault)
            {
                yield return "--" + option.Name;
                yield return text;
            }
        }
    }
}

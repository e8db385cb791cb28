using Bench.Load;

namespace Bench.Reporting;

/// <summary>Turns what the engine measured into the stored form.</summary>
public static class ScenarioRecords
{
    public static ScenarioRecord From(ScenarioResult result, IReadOnlyDictionary<string, string> settings, string latencyKind = "round-trip")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var sorted = new SortedDictionary<string, string>(settings.ToDictionary(), StringComparer.Ordinal);
        return new ScenarioRecord
        {
            Id = result.ScenarioId,
            SettingsKey = KeyOf(sorted),
            Settings = sorted,
            Load = result.Load,
            Model = result.OpenModel ? "open" : "closed",
            StartedAt = result.StartedAt,
            WarmUpSeconds = result.WarmUpSeconds,
            DurationSeconds = result.DurationSeconds,
            IssueSeconds = result.IssueSeconds,
            DrainSeconds = result.DrainSeconds,
            Incomplete = result.Incomplete,
            StopReason = result.StopReason,
            Counts = new CountsRecord
            {
                Issued = result.Issued,
                Ok = result.Ok,
                Failed = result.Failed,
                TimedOut = result.TimedOut,
                Abandoned = result.Abandoned,
                LateCompletions = result.LateCompletions,
                LateStarts = result.LateStarts,
                MaxLatenessMs = result.MaxLatenessNs / 1e6,
                Accounted = result.Accounted,
            },
            Throughput = result.Throughput,
            LatencyKind = latencyKind,
            Latency = new LatencyPair(LatencyRecord.From(result.Corrected), LatencyRecord.From(result.Raw)),
            Timeline = [.. result.Timeline.Select(p => new TimelineRecord(p.Second, p.Seconds, p.Ok, p.Failed, p.TimedOut, p.Throughput, p.P50Ns / 1000.0, p.P99Ns / 1000.0, p.MaxNs / 1000.0, p.RssBytes / 1048576.0) { Drain = p.Drain, Partial = p.Partial, Buckets = [.. p.Buckets.Select(b => new TimelineBucket(b.Index, b.Count))] })],
            Cost = [.. result.Cost.Select(c => new CostRecord(c.Name, c.CpuSeconds, c.MicrosecondsPerRequest, c.WorkItems, c.WorkItemsPerRequest))],
            Errors = [.. result.Errors.Select(e => new ErrorRecord(e.Outcome.ToString(), e.Message))],
            Notes = result.WarmUpSettled ? [] : [string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"⚠ still compiling: the JIT had not settled after a {result.WarmUpSeconds:0.#} s warm-up (the longest it is extended), so the window includes start-up")],
        };
    }

    /// <summary>"k1=v1;k2=v2" over sorted keys: how scenarios with the same settings are matched across runs.</summary>
    public static string KeyOf(IEnumerable<KeyValuePair<string, string>> settings) =>
        string.Join(';', settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
}

using System.Globalization;
using Bench.Load;

namespace Bench.Reporting.Agents;

/// <summary>
/// Merges the results of N load agents into one run, exactly: histograms added (never percentiles averaged), counts and
/// CPU summed, throughput summed (each agent's ok/s over its own issue window, the windows aligned on the common start),
/// timelines added second by second from that start. Every agent's own figures are kept in <see cref="RunResult.Agents"/>;
/// an agent that never reported is listed as missing and makes the merged run incomplete.
/// </summary>
public static class RunMerge
{
    /// <summary>
    /// <paramref name="expected"/> is the agent count the run was started with (null: what the results say, or how many
    /// were given). A result without agent information is taken as agent number its position.
    /// </summary>
    public static RunResult Merge(IReadOnlyList<(RunResult Result, string Source)> agents, string runId, string command, int? expected = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var indexed = agents.Select((a, i) => (Index: a.Result.Agent?.Index ?? i, a.Result, a.Source)).ToList();
        foreach (var twice in indexed.GroupBy(a => a.Index).Where(g => g.Count() > 1))
        {
            throw new ResultFormatException($"agent {twice.Key} appears twice: {string.Join(", ", twice.Select(a => a.Source))}");
        }

        var count = expected ?? Math.Max(indexed.Count, indexed.Select(a => a.Result.Agent?.Count ?? 0).DefaultIfEmpty(0).Max());
        if (indexed.FirstOrDefault(a => a.Index >= count) is { Result: not null } stray)
        {
            throw new ResultFormatException($"{stray.Source} is agent {stray.Index} of {stray.Result.Agent?.Count}, but the run has {count} agents");
        }

        if (indexed.Count == 0)
        {
            throw new ResultFormatException("no agent reported: there is nothing to merge");
        }

        var first = indexed.MinBy(a => a.Index).Result;
        var startAt = indexed.Select(a => a.Result.Agent?.StartAt).FirstOrDefault(t => t is not null);
        var keys = indexed.SelectMany(a => a.Result.Scenarios.Select(s => (s.Id, s.SettingsKey, s.Repetition))).Distinct().ToList();
        var scenarios = keys.Select(k => MergeScenario(indexed.Select(a => (a.Index, a.Result.Scenarios.FirstOrDefault(s => (s.Id, s.SettingsKey, s.Repetition) == k))).ToList(), count)).ToList();
        var records = Enumerable.Range(0, count).Select(i => indexed.FirstOrDefault(a => a.Index == i) is { Result: not null } a
            ? Figures(a.Result, a.Source)
            : new AgentRecord { Index = i, Count = count, Missing = true, StartAt = startAt }).ToList();
        var missing = records.Where(r => r.Missing).Select(r => r.Index).ToList();
        var incomplete = indexed.Where(a => a.Result.Incomplete).Select(a => a.Index).ToList();
        var stop = string.Join("; ", new[]
        {
            missing.Count > 0 ? $"agent{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} of {count} never reported (missing, not replayed)" : null,
            incomplete.Count > 0 ? $"agent{(incomplete.Count > 1 ? "s" : string.Empty)} {string.Join(", ", incomplete)} incomplete" : null,
        }.Where(s => s is not null));
        return new RunResult
        {
            RunId = runId,
            Command = command,
            Suite = first.Suite,
            SweptSettings = first.SweptSettings,
            StartedAt = indexed.Min(a => a.Result.StartedAt),
            FinishedAt = indexed.Max(a => a.Result.FinishedAt),
            Incomplete = stop.Length > 0 || scenarios.Any(s => s.Incomplete),
            StopReason = stop.Length > 0 ? stop : null,
            Verdict = indexed.Select(a => a.Result.Verdict is { } v ? $"agent {a.Index}: {v}" : null).FirstOrDefault(v => v is not null),
            Environment = first.Environment,
            PeakRssMb = indexed.Max(a => a.Result.PeakRssMb),
            Scenarios = scenarios,
            Agents = records,
        };
    }

    /// <summary>One agent's own figures, beside the merged ones (its first scenario: an agent runs one).</summary>
    private static AgentRecord Figures(RunResult result, string source)
    {
        var s = result.Scenarios.FirstOrDefault();
        return (result.Agent ?? new AgentRecord()) with
        {
            Source = source,
            Host = result.Agent?.Host ?? result.Environment.MachineName,
            Issued = result.Scenarios.Sum(x => x.Counts.Issued),
            Ok = result.Scenarios.Sum(x => x.Counts.Ok),
            Throughput = s?.Throughput ?? 0,
            P99Us = s is null ? 0 : (s.OneWay ?? s.Latency.Corrected).P99Us,
        };
    }

    private static ScenarioRecord MergeScenario(List<(int Agent, ScenarioRecord? Record)> all, int count)
    {
        var present = all.Where(a => a.Record is not null).Select(a => (a.Agent, Record: a.Record!)).ToList();
        var parts = present.Select(p => p.Record).ToList();
        var first = parts[0];
        var absent = Enumerable.Range(0, count).Except(present.Select(p => p.Agent)).ToList();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"merged from {parts.Count} of {count} agents: histograms added, counts and CPU summed, ok/s summed over windows aligned on the common start"),
            "per-second p50/p99 in the merged timeline are the highest agent's (an upper bound): a second's histogram is not stored, and percentiles are never averaged",
        };
        notes.AddRange(present.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"agent {p.Agent}: {p.Record.Counts.Issued:N0} issued, {p.Record.Counts.Ok:N0} ok, {p.Record.Throughput:N0} ok/s, p99 {(p.Record.OneWay ?? p.Record.Latency.Corrected).P99Us:N1} µs ({p.Record.Load})")));
        if (absent.Count > 0)
        {
            notes.Add($"no results from agent{(absent.Count > 1 ? "s" : string.Empty)} {string.Join(", ", absent)}: this scenario's figures cover the others only");
        }

        notes.AddRange(parts.SelectMany(p => p.Notes).Distinct().Select(n => "agent note: " + n).Take(20));
        var broker = parts.Select(p => p.Broker).FirstOrDefault(b => b is not null);
        if (broker is not null)
        {
            notes.Add("broker view: one agent's (every agent sampled the same broker, so its counts are already the total: not summed again)");
        }

        return Broker.BrokerAnalysis.Apply(first with
        {
            Load = string.Create(CultureInfo.InvariantCulture, $"{count} agents × ") + first.Load.Split(", agent slice", 2)[0],
            StartedAt = parts.Min(p => p.StartedAt),
            WarmUpSeconds = parts.Max(p => p.WarmUpSeconds),
            DurationSeconds = parts.Max(p => p.DurationSeconds),
            IssueSeconds = parts.Max(p => p.IssueSeconds),
            DrainSeconds = parts.Max(p => p.DrainSeconds),
            Incomplete = absent.Count > 0 || parts.Any(p => p.Incomplete),
            StopReason = absent.Count > 0 ? $"missing agent{(absent.Count > 1 ? "s" : string.Empty)} {string.Join(", ", absent)}" : parts.Select(p => p.StopReason).FirstOrDefault(r => r is not null),
            Counts = new CountsRecord
            {
                Issued = parts.Sum(p => p.Counts.Issued),
                Ok = parts.Sum(p => p.Counts.Ok),
                Failed = parts.Sum(p => p.Counts.Failed),
                TimedOut = parts.Sum(p => p.Counts.TimedOut),
                Abandoned = parts.Sum(p => p.Counts.Abandoned),
                LateCompletions = parts.Sum(p => p.Counts.LateCompletions),
                LateStarts = parts.Sum(p => p.Counts.LateStarts),
                MaxLatenessMs = parts.Max(p => p.Counts.MaxLatenessMs),
                Delivered = parts.All(p => p.Counts.Delivered is not null) ? parts.Sum(p => p.Counts.Delivered) : null,
                Rejected = parts.All(p => p.Counts.Rejected is not null) ? parts.Sum(p => p.Counts.Rejected) : null,
                Accounted = parts.All(p => p.Counts.Accounted),
            },
            Throughput = parts.Sum(p => p.Throughput),
            Latency = new LatencyPair(Add(parts.Select(p => p.Latency.Corrected)), Add(parts.Select(p => p.Latency.Raw))),
            OneWay = parts.All(p => p.OneWay is not null) ? Add(parts.Select(p => p.OneWay!)) : null,
            WorkerServiceTime = parts.All(p => p.WorkerServiceTime is not null) ? Add(parts.Select(p => p.WorkerServiceTime!)) : null,
            Timeline = Timeline(parts),
            Cost = [.. parts.SelectMany(p => p.Cost).GroupBy(c => c.Process).Select(g => Cost(g.Key, g.Sum(c => c.CpuSeconds), g.All(c => c.WorkItems is not null) ? g.Sum(c => c.WorkItems) : null, parts))],
            Errors = [.. parts.SelectMany(p => p.Errors).Distinct().Take(50)],
            Notes = notes,
            Faults = [.. parts.SelectMany(p => p.Faults)],
            WorkerEvents = [.. parts.SelectMany(p => p.WorkerEvents)],
            CastLedger = null,
            Thresholds = [],
            Broker = broker,
        });
    }

    /// <summary>The exact sum of the agents' distributions.</summary>
    public static LatencyRecord Add(IEnumerable<LatencyRecord> parts)
    {
        var merged = new LatencyHistogram();
        foreach (var part in parts)
        {
            merged.Add(part.Histogram.ToHistogram());
        }

        return LatencyRecord.From(merged);
    }

    private static CostRecord Cost(string process, double seconds, long? workItems, List<ScenarioRecord> parts)
    {
        var completed = parts.Sum(p => p.Counts.Ok + p.Counts.Failed + p.Counts.TimedOut);
        return new CostRecord(process, seconds, completed > 0 ? seconds * 1e6 / completed : 0, workItems, workItems is { } w && completed > 0 ? (double)w / completed : null);
    }

    /// <summary>Second s of the merged run is second s of every agent: they all began at the coordinator's start.</summary>
    private static List<TimelineRecord> Timeline(List<ScenarioRecord> parts) =>
        [.. parts.SelectMany(p => p.Timeline).GroupBy(t => t.Second).OrderBy(g => g.Key).Select(g => new TimelineRecord(
            g.Key, g.Max(t => t.Seconds), g.Sum(t => t.Ok), g.Sum(t => t.Failed), g.Sum(t => t.TimedOut), g.Sum(t => t.Throughput),
            g.Max(t => t.P50Us), g.Max(t => t.P99Us), g.Max(t => t.MaxUs), g.Sum(t => t.RssMb))
        {
            Drain = g.All(t => t.Drain),
            Partial = g.Any(t => t.Partial) || g.Count() < parts.Count,
            // Histograms merge by adding counts bucket by bucket (never by averaging percentiles).
            Buckets = [.. g.SelectMany(t => t.Buckets).GroupBy(b => b.Index).OrderBy(b => b.Key).Select(b => new TimelineBucket(b.Key, b.Sum(x => x.Count)))],
        })];
}

using System.Globalization;
using System.Text;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting;

/// <summary>
/// What the RPC layer costs, the figure people come for: each Bench scenario beside the raw RabbitMQ.Client baseline
/// that ran the same load, route, ack mode, queue type, persistence and prefetch in the same run (call.* with
/// raw.call, cast.count with raw.cast), as Bench/raw ratios of throughput and of client + worker CPU per request.
/// Settings only one side has (envelope, transport, …) are not part of the match. Payload bytes are: a scenario that
/// records them (cast.count, call.echo) is set only against the raw run of the same size, so a 1 KiB cast is never set
/// against a 16-byte raw one; one that sends fixed arguments (call.add, call.nova) against the smallest raw payload in
/// the run, the raw baselines' own default being the size of add's arguments.
/// </summary>
public static class BaselineRatios
{
    private static readonly string[] s_labelled = ["outstanding", "rate", "route"];
    private const string Payload = "payloadBytes";
    private static readonly string[] s_shared = ["model", "outstanding", "rate", "route", "ack", "queueType", "persistent", "durable", "prefetch", "channels", "workers", "workerProcess", "requests", "duration", "arrivals"];

    public sealed record Pair(string BenchLabel, string RawLabel, double ThroughputRatio, double BenchCpuUs, double RawCpuUs)
    {
        public double CpuRatio => RawCpuUs > 0 ? BenchCpuUs / RawCpuUs : 0;

        /// <summary>Thread-pool work items per request in the client and in the worker(s), Bench's and raw's (null: not reported).</summary>
        public (double? Client, double? Worker) BenchWorkItems { get; init; }

        public (double? Client, double? Worker) RawWorkItems { get; init; }
    }

    /// <summary>
    /// Every variant (all its repetitions) of a scenario that names a baseline, with the baseline's variant that ran
    /// the same shared settings in this run, or null when none did.
    /// </summary>
    public static List<(List<ScenarioRecord> Bench, List<ScenarioRecord>? Raw)> Match(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var variants = Variants(run);
        return [.. variants.Where(v => v[0].Baseline is not null)
            .Select(bench => (bench, Candidates(variants, bench[0]).Where(v => Value(bench[0], Payload) is not { } bytes || Value(v[0], Payload) == bytes)
                .OrderBy(v => PayloadOf(v[0])).FirstOrDefault()))];
    }

    private static List<List<ScenarioRecord>> Variants(RunResult run) => [.. run.Scenarios.GroupBy(s => s.Id + "|" + s.SettingsKey).Select(g => g.ToList())];

    // The baseline's variants that ran the Bench scenario's shared settings, whatever their payload.
    private static IEnumerable<List<ScenarioRecord>> Candidates(List<List<ScenarioRecord>> variants, ScenarioRecord bench) =>
        variants.Where(v => v[0].Id == bench.Baseline && s_shared.All(k => Value(v[0], k) == Value(bench, k)));

    private static long PayloadOf(ScenarioRecord s) => long.TryParse(Value(s, Payload), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0;

    public static List<Pair> Pairs(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pairs = new List<Pair>();
        var variants = Variants(run);
        var matched = Match(run).Where(m => m.Raw is not null).Select(m => (m.Bench, Raw: m.Raw!)).ToList();
        foreach (var (bench, raw) in matched)
        {
            // Variants of one scenario that only Bench-side settings tell apart (a sweep of --hops or --ttl) share a
            // baseline, so the label adds each such setting that differs among them (an omitted one is at its default).
            var siblings = matched.Where(m => m.Bench[0].Id == bench[0].Id && m.Raw == raw).Select(m => m.Bench[0]).ToList();
            var varying = siblings.SelectMany(v => v.Settings.Keys).Distinct(StringComparer.Ordinal)
                .Where(k => !s_shared.Contains(k) && siblings.Select(v => Value(v, k)).Distinct().Count() > 1).Order(StringComparer.Ordinal);
            var label = Label(bench[0]) + string.Concat(varying.Select(k => " " + k + "=" + (Value(bench[0], k) ?? "default")));
            // A --payload sweep gives each size its own baseline: both labels then say which size they are.
            var sizes = Candidates(variants, bench[0]).Select(v => Value(v[0], Payload)).Distinct().Count();
            label += sizes > 1 && Value(bench[0], Payload) is { } bytes ? " " + Payload + "=" + bytes : string.Empty;
            var rawLabel = Label(raw[0]) + (sizes > 1 ? " " + Payload + "=" + Value(raw[0], Payload) : string.Empty);
            pairs.Add(new Pair(label, rawLabel, Spread.Of(bench.Select(s => s.Throughput)).Median / Math.Max(1e-9, Spread.Of(raw.Select(s => s.Throughput)).Median),
                Spread.Of(bench.Select(ClientWorkerCpu)).Median, Spread.Of(raw.Select(ClientWorkerCpu)).Median)
            {
                BenchWorkItems = (WorkItems(bench, "client"), WorkItems(bench, "worker")),
                RawWorkItems = (WorkItems(raw, "client"), WorkItems(raw, "worker")),
            });
        }

        return pairs;
    }

    /// <summary>summary.md's section: <see cref="Table"/> and what the pairs were matched on.</summary>
    public static string ToMarkdown(RunResult run)
    {
        var table = Table(run);
        return table.Length == 0 ? table : table + Environment.NewLine + "Matched on load, route, ack mode, queue type, persistence, prefetch, channels, workers and payload bytes (a call with fixed arguments: the smallest raw payload); a ratio is the median of each side's repetitions." + Environment.NewLine;
    }

    /// <summary>The heading and the table of pairs, or empty when the run has none.</summary>
    public static string Table(RunResult run)
    {
        var pairs = Pairs(run);
        if (pairs.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine("## The RPC layer's cost: Bench against raw RabbitMQ.Client, same run");
        text.AppendLine();
        // Results from before the work-item count have none: their table keeps its old columns.
        var items = pairs.Any(p => p.BenchWorkItems != default || p.RawWorkItems != default);
        text.AppendLine("| Bench | raw baseline | throughput Bench/raw | client + worker CPU µs/req Bench · raw | CPU Bench/raw |" + (items ? " pool work items/req client/worker Bench · raw |" : string.Empty));
        text.AppendLine("|---|---|---:|---:|---:|" + (items ? "---:|" : string.Empty));
        foreach (var p in pairs)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{p.BenchLabel}` | `{p.RawLabel}` | {RatioText.Format(p.ThroughputRatio)} | {p.BenchCpuUs:0.0} · {p.RawCpuUs:0.0} | {(p.RawCpuUs > 0 ? RatioText.Format(p.CpuRatio) : "–")} |");
            text.AppendLine(items ? $" {Items(p.BenchWorkItems)} · {Items(p.RawWorkItems)} |" : string.Empty);
        }

        return text.ToString();
    }

    /// <summary>The median over repetitions of one process kind's work items per request (summed over workers), or null when any repetition lacks it.</summary>
    public static double? WorkItems(List<ScenarioRecord> repetitions, string process)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        var per = repetitions.Select(r => r.Cost.Where(c => c.Process.StartsWith(process, StringComparison.Ordinal)).ToList()).ToList();
        return per.All(c => c.Count > 0 && c.All(x => x.WorkItemsPerRequest is not null)) ? Spread.Of(per.Select(c => c.Sum(x => x.WorkItemsPerRequest!.Value))).Median : null;
    }

    private static string Items((double? Client, double? Worker) items) =>
        string.Create(CultureInfo.InvariantCulture, $"{(items.Client is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "–")}/{(items.Worker is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "–")}");

    private static string? Value(ScenarioRecord s, string key) => s.Settings.TryGetValue(key, out var v) ? v : null;

    private static string Label(ScenarioRecord s) => s.Id + " " + string.Join(' ', s.Settings.Where(kv => s_labelled.Contains(kv.Key)).Select(kv => kv.Key + "=" + kv.Value));

    public static double ClientWorkerCpu(ScenarioRecord s) => s.Cost.Where(c => c.Process.StartsWith("client", StringComparison.Ordinal) || c.Process.StartsWith("worker", StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest);
}

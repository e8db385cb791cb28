using System.Globalization;
using Bench.Reporting.Comparison;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting;

/// <summary>
/// What the default suite is for, in one table: each Bench scenario against the raw RabbitMQ.Client baseline that ran
/// the same load in the same run, and against the harness's own cost (harness.null): ok/s, p50, p99 and client + worker
/// CPU per request, each with its Bench/raw ratio. Figures are medians of repetitions.
/// </summary>
public sealed record Headline(IReadOnlyList<Headline.Row> Rows, Headline.Figures? Harness, int Repetitions)
{
    public const string HarnessId = "harness.null";

    /// <summary>One variant's figures (medians of its repetitions); latency of calls round trip, of casts at the worker.</summary>
    public readonly record struct Figures(double Throughput, double P50Us, double P99Us, double CpuUsPerRequest);

    /// <summary>A Bench scenario beside its raw baseline (null when the run has none with the same load).</summary>
    public sealed record Row(string Scenario, string Load, string Settings, Figures Bench, string? RawScenario, Figures? Raw, bool IsCast)
    {
        public string Name => Scenario + " · " + Load;

        /// <summary>A cast flood: its latency at the worker is the backlog it builds, not a latency to judge.</summary>
        public bool IsFlood { get; init; }

        public double? Ratio(Func<Figures, double> figure) => Raw is { } raw && figure(raw) > 0 ? figure(Bench) / figure(raw) : null;
    }

    /// <summary>The headline of a run, or null when it has no Bench scenario that names a baseline.</summary>
    public static Headline? Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var matched = BaselineRatios.Match(run);
        if (matched.Count == 0)
        {
            return null;
        }

        // Every Bench scenario, in run order: those with a baseline beside it, and the rest (objects.get names none).
        var baselines = run.Scenarios.Select(s => s.Baseline).Where(b => b is not null).ToHashSet(StringComparer.Ordinal);
        var variants = run.Scenarios.Where(s => s.Id != HarnessId && !baselines.Contains(s.Id)).GroupBy(s => s.Id + "|" + s.SettingsKey).Select(g => g.ToList());
        var rows = variants.Select(bench => (Bench: bench, Raw: matched.FirstOrDefault(m => m.Bench[0] == bench[0]).Raw))
            .Select(m => new Row(m.Bench[0].Id, ShortLoad(m.Bench[0]), string.Join(' ', m.Bench[0].Settings.Select(kv => kv.Key + "=" + kv.Value)), Of(m.Bench),
                m.Raw?[0].Id, m.Raw is null ? null : Of(m.Raw), m.Bench[0].OneWay is not null) { IsFlood = m.Bench[0].OneWay is not null && m.Bench[0].Model == "closed" }).ToList();
        var harness = run.Scenarios.Where(s => s.Id == HarnessId).ToList();
        var reps = run.Scenarios.GroupBy(s => s.Id + "|" + s.SettingsKey).Max(g => g.Count());
        return new Headline(rows, harness.Count > 0 ? Of(harness) : null, reps);
    }

    /// <summary>The harness's CPU per request as a share of the cheapest Bench scenario's: how much of any figure is the harness.</summary>
    public double? HarnessShare => Harness is { } h && Rows.Count > 0 && Rows.Min(r => r.Bench.CpuUsPerRequest) is > 0 and var least ? h.CpuUsPerRequest / least : null;

    /// <summary>How sure the figures are, in words a newcomer reads.</summary>
    public string Uncertainty(ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        var untested = (options.Threshold * options.UntestedFactor).ToString("0%", CultureInfo.InvariantCulture);
        return Repetitions > 1
            ? string.Create(CultureInfo.InvariantCulture, $"Medians of {Repetitions} runs each, interleaved; a ratio within the runs' own spread (in the table below) is noise.")
            : $"One run each: differences under {untested} cannot be told from noise here; use --repeat 3.";
    }

    /// <summary>"closed, 1 outstanding" from "closed, 1 outstanding, for 8 s": the load without its length.</summary>
    private static string ShortLoad(ScenarioRecord s)
    {
        var i = s.Load.IndexOf(", for ", StringComparison.Ordinal);
        return i > 0 ? s.Load[..i] : s.Load;
    }

    private static Figures Of(IReadOnlyList<ScenarioRecord> reps) => new(
        Spread.Of(reps.Select(r => r.Throughput)).Median,
        Spread.Of(reps.Select(r => SweepPoint.Primary(r).P50Us)).Median,
        Spread.Of(reps.Select(r => SweepPoint.Primary(r).P99Us)).Median,
        Spread.Of(reps.Select(r => r.Id == HarnessId ? r.Cost.Where(c => c.Process.StartsWith("client", StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest) : BaselineRatios.ClientWorkerCpu(r))).Median);
}

using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table celery-workers RUN`: from one `--suite celery` run, Bench's C# worker's fastest celery.add variant against
/// the fastest real Celery worker's (solo or prefork), both driven by Bench's client: calls/s, CPU µs per task of the
/// client, the worker and the broker, the throughput ratio and the worker-CPU ratio (Celery's worker CPU per task over
/// Bench's: the part of a task's cost the worker owns, which the broker's share does not bound). When the run also
/// measured the raw baseline worker (plain RabbitMQ.Client, `--celery-worker raw`) under the C# worker's load, its row
/// follows, with the C# worker's CPU over it and the worker-CPU ratio it reaches: what RabbitMQ.Client leaves for any
/// worker built on it. The run's summary (<see cref="MarkdownSummary"/>) prints the same table through <see cref="ToMarkdown"/>.
/// </summary>
public sealed class CeleryWorkersTable() : FigureTable("celery-workers", "one run folder of --suite celery")
{
    private const string Dash = "–";

    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        var run = OneRun(paths);
        var bench = Fastest(run, "bench") ?? throw Missing("bench");
        var celery = Fastest(run, "python") ?? throw Missing("python");
        WriteComparison(text, run, bench, celery);
    }

    /// <summary>The table for a run's summary; empty when the run lacks either worker's celery.add driven by Bench's client.</summary>
    public static string ToMarkdown(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Fastest(run, "bench") is not { } bench || Fastest(run, "python") is not { } celery)
        {
            return string.Empty;
        }

        var text = new MarkdownText();
        text.Append("Bench's C# Celery worker against the fastest real Celery worker (celery.add, Bench's client; CPU µs per task):\n\n");
        WriteComparison(text, run, bench, celery);
        return text.ToString();
    }

    private static void WriteComparison(MarkdownText text, RunResult run, ScenarioRecord bench, ScenarioRecord celery)
    {
        var raw = Baseline(run, bench);
        text.Header("worker (Bench's client)", Right("calls/s"), Right("client CPU µs/task"), Right("worker CPU µs/task"), Right("broker CPU µs/task"));
        foreach (var s in raw is null ? [bench, celery] : new[] { bench, celery, raw })
        {
            var label = $"{s.Id} worker={Setting(s, "worker", "python")} pool={Setting(s, "pool", "solo")} prefetch={Setting(s, "prefetchMultiplier", "4")} outstanding={Setting(s, "outstanding", "1")}";
            text.Row(label, Fixed(s.Throughput, 0), Cpu(s, "client"), Cpu(s, "worker"), Cpu(s, "broker"));
        }

        text.Append($"\nratio C# worker / best Celery worker: {Fixed(bench.Throughput / celery.Throughput, 1)}x\n");
        text.Append($"worker-CPU ratio best Celery worker / C# worker (CPU µs per task): {WorkerRatio(celery, bench)}\n");
        if (raw is not null)
        {
            text.Append($"C# worker / raw RabbitMQ.Client baseline on the same load (worker CPU µs per task): {WorkerRatio(bench, raw)}\n");
            text.Append($"worker-CPU ratio best Celery worker / raw baseline: {WorkerRatio(celery, raw)}\n");
        }
    }

    private static string WorkerRatio(ScenarioRecord over, ScenarioRecord under) =>
        CpuPerTask(over, "worker") is { } o && CpuPerTask(under, "worker") is { } u && u > 0 ? Fixed(o / u, 1) + "x" : Dash;

    private static string Cpu(ScenarioRecord s, string process) => CpuPerTask(s, process) is { } us ? Fixed(us, 0) : Dash;

    /// <summary>
    /// A role's CPU µs per task: its one process ("worker", "broker") or the sum of its several ("worker:NAME",
    /// "broker:node2"), as the runs name them; null when the run measured none.
    /// </summary>
    private static double? CpuPerTask(ScenarioRecord s, string process)
    {
        var costs = s.Cost.Where(c => c.Process == process || c.Process.StartsWith(process + ":", StringComparison.Ordinal)).ToList();
        return costs.Count == 0 ? null : costs.Sum(c => c.CpuUsPerRequest);
    }

    /// <summary>The raw baseline worker's celery.add under exactly the C# worker's settings (worker aside), if measured.</summary>
    private static ScenarioRecord? Baseline(RunResult run, ScenarioRecord bench) =>
        run.Scenarios.Where(s => s.Id == "celery.add" && Setting(s, "worker", "python") == "raw" && SameBesidesWorker(s, bench)).MaxBy(s => s.Throughput);

    private static bool SameBesidesWorker(ScenarioRecord a, ScenarioRecord b) =>
        a.Settings.Where(kv => kv.Key != "worker").OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SequenceEqual(b.Settings.Where(kv => kv.Key != "worker").OrderBy(kv => kv.Key, StringComparer.Ordinal));

    private static ScenarioRecord? Fastest(RunResult run, string worker) =>
        run.Scenarios.Where(s => s.Id == "celery.add" && Setting(s, "client", "bench") == "bench" && Setting(s, "worker", "python") == worker).MaxBy(s => s.Throughput);

    private ResultFormatException Missing(string worker) => new($"--table {Name}: the run has no celery.add driven by Bench's client with worker={worker}");
}

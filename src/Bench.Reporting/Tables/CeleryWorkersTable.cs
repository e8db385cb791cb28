using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table celery-workers RUN`: from one `--suite celery` run, Bench's C# worker's fastest celery.add variant against
/// the fastest real Celery worker's (solo or prefork), both driven by Bench's client: calls/s, CPU µs per task of the
/// client, the worker and the broker, the throughput ratio and the worker-CPU ratio (Celery's worker CPU per task over
/// Bench's: the part of a task's cost the worker owns, which the broker's share does not bound). The run's summary
/// (<see cref="MarkdownSummary"/>) prints the same table through <see cref="ToMarkdown"/>.
/// </summary>
public sealed class CeleryWorkersTable() : FigureTable("celery-workers", "one run folder of --suite celery")
{
    private const string Dash = "–";

    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        var run = OneRun(paths);
        var bench = Fastest(run, "bench") ?? throw Missing("bench");
        var celery = Fastest(run, "python") ?? throw Missing("python");
        WriteComparison(text, bench, celery);
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
        WriteComparison(text, bench, celery);
        return text.ToString();
    }

    private static void WriteComparison(MarkdownText text, ScenarioRecord bench, ScenarioRecord celery)
    {
        text.Header("worker (Bench's client)", Right("calls/s"), Right("client CPU µs/task"), Right("worker CPU µs/task"), Right("broker CPU µs/task"));
        foreach (var s in new[] { bench, celery })
        {
            var label = $"{s.Id} worker={Setting(s, "worker", "python")} pool={Setting(s, "pool", "solo")} prefetch={Setting(s, "prefetchMultiplier", "4")} outstanding={Setting(s, "outstanding", "1")}";
            text.Row(label, Fixed(s.Throughput, 0), Cpu(s, "client"), Cpu(s, "worker"), Cpu(s, "broker"));
        }

        text.Append($"\nratio C# worker / best Celery worker: {Fixed(bench.Throughput / celery.Throughput, 1)}x\n");
        var workerRatio = CpuPerTask(celery, "worker") is { } c && CpuPerTask(bench, "worker") is { } b && b > 0 ? Fixed(c / b, 1) + "x" : Dash;
        text.Append($"worker-CPU ratio best Celery worker / C# worker (CPU µs per task): {workerRatio}\n");
    }

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

    private static ScenarioRecord? Fastest(RunResult run, string worker) =>
        run.Scenarios.Where(s => s.Id == "celery.add" && Setting(s, "client", "bench") == "bench" && Setting(s, "worker", "python") == worker).MaxBy(s => s.Throughput);

    private ResultFormatException Missing(string worker) => new($"--table {Name}: the run has no celery.add driven by Bench's client with worker={worker}");
}

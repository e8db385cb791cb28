using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table celery-workers RUN`: from one `--suite celery` run, Bench's C# worker's fastest celery.add variant against
/// the fastest real Celery worker's (solo or prefork), both driven by Bench's client: calls/s, CPU µs per request of
/// each process, and their ratio.
/// </summary>
public sealed class CeleryWorkersTable() : FigureTable("celery-workers", "one run folder of --suite celery")
{
    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        var run = OneRun(paths);
        var calls = run.Scenarios.Where(s => s.Id == "celery.add" && Setting(s, "client", "bench") == "bench").ToList();
        var bench = Fastest(calls, "bench");
        var celery = Fastest(calls, "python");
        text.Header("worker (Bench's client)", "calls/s", "CPU µs per request");
        foreach (var s in new[] { bench, celery })
        {
            var cpu = string.Join(", ", s.Cost.Select(c => c.Process + " " + Fixed(c.CpuUsPerRequest, 0)));
            var label = $"{s.Id} worker={Setting(s, "worker", "python")} pool={Setting(s, "pool", "solo")} prefetch={Setting(s, "prefetchMultiplier", "4")} outstanding={Setting(s, "outstanding", "1")}";
            text.Row(label, Fixed(s.Throughput, 0), cpu);
        }

        text.Append($"\nratio C# worker / best Celery worker: {Fixed(bench.Throughput / celery.Throughput, 1)}x\n");
    }

    private ScenarioRecord Fastest(List<ScenarioRecord> calls, string worker) =>
        calls.Where(s => Setting(s, "worker", "python") == worker).MaxBy(s => s.Throughput)
        ?? throw new ResultFormatException($"--table {Name}: the run has no celery.add driven by Bench's client with worker={worker}");
}

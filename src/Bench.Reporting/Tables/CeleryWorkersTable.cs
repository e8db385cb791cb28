using System.Text;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table celery-workers RUN`: from one `--suite celery` run, Bench's C# worker's fastest celery.add variant against
/// the fastest real Celery worker's (solo or prefork), both driven by Bench's client: calls/s, CPU µs per request of
/// each process, and their ratio.
/// </summary>
public sealed class CeleryWorkersTable : IFigureTable
{
    public string Name => "celery-workers";

    public string Inputs => "one run folder of --suite celery";

    public string Render(IReadOnlyList<string> paths)
    {
        var run = NamedRun.ReadAll(paths, Name, exactly: 1)[0].Run;
        var calls = run.Scenarios.Where(s => s.Id == "celery.add" && Setting(s, "client", "bench") == "bench").ToList();
        var bench = Fastest(calls, "bench");
        var celery = Fastest(calls, "python");
        var text = new StringBuilder();
        text.Append("| worker (Bench's client) | calls/s | CPU µs per request |\n");
        text.Append("|---|---|---|\n");
        foreach (var s in new[] { bench, celery })
        {
            var cpu = string.Join(", ", s.Cost.Select(c => c.Process + " " + Fixed(c.CpuUsPerRequest, 0)));
            var label = $"{s.Id} worker={Setting(s, "worker", "python")} pool={Setting(s, "pool", "solo")} prefetch={Setting(s, "prefetchMultiplier", "4")} outstanding={Setting(s, "outstanding", "1")}";
            text.Append($"| {label} | {Fixed(s.Throughput, 0)} | {cpu} |\n");
        }

        text.Append($"\nratio C# worker / best Celery worker: {Fixed(bench.Throughput / celery.Throughput, 1)}x\n");
        return text.ToString();
    }

    private ScenarioRecord Fastest(List<ScenarioRecord> calls, string worker) =>
        calls.Where(s => Setting(s, "worker", "python") == worker).MaxBy(s => s.Throughput)
        ?? throw new ResultFormatException($"--table {Name}: the run has no celery.add driven by Bench's client with worker={worker}");
}

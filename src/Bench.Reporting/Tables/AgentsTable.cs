using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table agents RUN…`: one row per merged multi-agent run (`bench run --agents N --local`): merged ok/s, p50 and p99
/// (from the added histograms), issued, each agent's own ok/s, and the start skew (latest agent start minus earliest,
/// on the coordinator's clock).
/// </summary>
public sealed class AgentsTable() : FigureTable("agents", "merged run folders of bench run --agents N, one per agent count")
{
    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        text.Header(Right("agents"), Right("merged ok/s"), Right("p50 µs"), Right("p99 µs"), Right("issued"), "per-agent ok/s", Right("start skew ms"));
        foreach (var (_, run) in Runs(paths))
        {
            var s = run.Scenarios.FirstOrDefault() ?? throw new ResultFormatException($"a run of --table {Name} measured no scenario ({run.RunId})");
            var agents = run.Agents ?? [];
            var count = run.Agents?.Count ?? 1; // a run of one machine is one agent
            var latency = s.Latency.Corrected;
            var skews = agents.Where(a => !a.Missing && a.StartSkewMs is not null).Select(a => a.StartSkewMs!.Value).ToList();
            var skew = skews.Count == 0 ? "–" : Fixed(skews.Max() - skews.Min(), 2);
            var perAgent = string.Join(" / ", agents.Select(a => Thousands(a.Throughput)));
            text.Row(Integer(count), Thousands(s.Throughput), Thousands(latency.P50Us), Thousands(latency.P99Us), Thousands(s.Counts.Issued), perAgent, skew);
        }
    }
}

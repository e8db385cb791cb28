using System.Text;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table agents RUN…`: one row per merged multi-agent run (`bench run --agents N --local`): merged ok/s, p50 and p99
/// (from the added histograms), issued, each agent's own ok/s, and the start skew (latest agent start minus earliest,
/// on the coordinator's clock).
/// </summary>
public sealed class AgentsTable : IFigureTable
{
    public string Name => "agents";

    public string Inputs => "merged run folders of bench run --agents N, one per agent count";

    public string Render(IReadOnlyList<string> paths)
    {
        var text = new StringBuilder();
        text.Append("| agents | merged ok/s | p50 µs | p99 µs | issued | per-agent ok/s | start skew ms |\n");
        text.Append("|---:|---:|---:|---:|---:|---|---:|\n");
        foreach (var (_, run) in NamedRun.ReadAll(paths, Name))
        {
            var s = run.Scenarios.FirstOrDefault() ?? throw new ResultFormatException($"a run of --table {Name} measured no scenario ({run.RunId})");
            var agents = run.Agents ?? [];
            var count = run.Agents?.Count ?? 1; // a run of one machine is one agent
            var latency = s.Latency.Corrected;
            var skews = agents.Where(a => !a.Missing && a.StartSkewMs is not null).Select(a => a.StartSkewMs!.Value).ToList();
            var skew = skews.Count == 0 ? "–" : Fixed(skews.Max() - skews.Min(), 2);
            var perAgent = string.Join(" / ", agents.Select(a => Thousands(a.Throughput)));
            text.Append($"| {Integer(count)} | {Thousands(s.Throughput)} | {Thousands(latency.P50Us)} | {Thousands(latency.P99Us)} | {Thousands(s.Counts.Issued)} | {perAgent} | {skew} |\n");
        }

        return text.ToString();
    }
}

using System.Globalization;
using Bench.Reporting.Sweeps;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table rpc-vs-raw RUN…`: what Bench's RPC layer costs over plain RabbitMQ.Client. For each run, the Bench/raw
/// throughput and client + worker CPU ratios of its matched pairs (<see cref="BaselineRatios"/>, summary.md's table);
/// then call.add's hop means per outstanding, each the median over the repetitions, beside their sum and the median
/// mean round trip (the hops should add up to it).
/// </summary>
public sealed class RpcVsRawTable() : FigureTable("rpc-vs-raw", "run folders holding Bench scenarios beside their raw baselines (calls, then casts)")
{
    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        var runs = Runs(paths);
        foreach (var (_, run) in runs)
        {
            text.Append(BaselineRatios.Table(run));
        }

        // Keyed by outstanding in the order first seen; the hop names are the first stamped variant's.
        var stamped = runs.SelectMany(r => r.Run.Scenarios).Where(s => s.Id == "call.add" && s.Hops.Count > 0).ToList();
        if (stamped.Count == 0)
        {
            return;
        }

        var names = stamped[0].Hops.Select(h => h.Name).ToList();
        text.Append("\n## call.add hop means, µs (median over repetitions)\n\n");
        text.Header(["outstanding", .. names.Select(n => (MarkdownText.Column)n), "sum", "round trip mean"]);
        foreach (var reps in stamped.GroupBy(s => Setting(s, "outstanding", "?")).OrderBy(g => int.TryParse(g.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue))
        {
            var means = names.Select(n => Spread.Of(reps.SelectMany(r => r.Hops).Where(h => h.Name == n).Select(h => h.MeanUs)).Median).ToList();
            var roundTrip = Spread.Of(reps.Select(r => r.Latency.Raw.MeanUs)).Median;
            text.Row([reps.Key, .. means.Select(m => Fixed(m, 1)), Fixed(means.Sum(), 1), Fixed(roundTrip, 1)]);
        }
    }
}

using System.Globalization;
using System.Text;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table cluster RUN`: a run of `--suite cluster` in two tables. Each scenario's nodes, queue type, fault, ok/s,
/// p50 and p99 (calls: round trip; casts: send-to-arrival at the worker, as summary.md shows them), counts and each
/// process's CPU seconds (three nodes, a worker and the client share the cores); then each fault's node, downtime,
/// recovery, failures in its window and the cast ledger.
/// </summary>
public sealed class ClusterTable : IFigureTable
{
    public string Name => "cluster";

    public string Inputs => "one run folder of --suite cluster";

    public string Render(IReadOnlyList<string> paths)
    {
        var run = NamedRun.ReadAll(paths, Name, exactly: 1)[0].Run;
        var text = new StringBuilder();
        var finished = run.FinishedAt is { } f ? Clock(f) : "?";
        text.Append($"suite {run.Suite}: {Clock(run.StartedAt)} → {finished}{(run.Incomplete ? " (incomplete)" : string.Empty)}\n\n");
        text.Append("| scenario | nodes | queue | fault | ok/s | p50 µs | p99 µs | issued / ok / failed / timed out | CPU s: client, worker, broker nodes |\n");
        text.Append("|---|---|---|---|---:|---:|---:|---|---|\n");
        foreach (var s in run.Scenarios)
        {
            var latency = s.OneWay ?? s.Latency.Corrected;
            var cpu = string.Join(", ", s.Cost.Select(c => c.Process + " " + Fixed(c.CpuSeconds, 2)));
            text.Append($"| {s.Id} | {Setting(s, "nodes", "1")} | {Setting(s, "queueType", "?")} | {Setting(s, "fault", "–")} | {Fixed(s.Throughput, 0)} | {Fixed(latency.P50Us, 0)} | {Fixed(latency.P99Us, 0)} | {Counts(s.Counts)} | {cpu} |\n");
        }

        text.Append('\n');
        text.Append("| scenario | fault | node hit | downtime s | recovered after s | ok/s before | failed / timed out in window | casts sent / received unique / redelivered / duplicates / lost |\n");
        text.Append("|---|---|---|---:|---:|---:|---|---|\n");
        foreach (var s in run.Scenarios)
        {
            var ledger = s.CastLedger is { } l ? Ledger(l) : "–";
            foreach (var fault in s.Faults)
            {
                var node = (fault.Node ?? "?").Split(';')[0];
                var downtime = fault.DowntimeSeconds is { } d ? AsStored(d) : "?";
                var recovered = fault.RecoverySeconds is { } r ? Fixed(r, 1) : "not recovered";
                text.Append($"| {s.Id} | {fault.Spec} | {node} | {downtime} | {recovered} | {Fixed(fault.OkPerSecondBefore, 0)} | {Integer(fault.FailedInWindow)} / {Integer(fault.TimedOutInWindow)} | {ledger} |\n");
            }
        }

        return text.ToString();
    }

    private static string Clock(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}

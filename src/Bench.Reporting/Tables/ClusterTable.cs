using System.Globalization;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table cluster RUN`: a run of `--suite cluster` in two tables. Each scenario's nodes, queue type, fault, ok/s,
/// p50 and p99 (calls: round trip; casts: send-to-arrival at the worker, as summary.md shows them), counts and each
/// process's CPU seconds (three nodes, a worker and the client share the cores); then each fault's node, downtime,
/// recovery, failures in its window and the cast ledger.
/// </summary>
public sealed class ClusterTable() : FigureTable("cluster", "one run folder of --suite cluster")
{
    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        var run = OneRun(paths);
        var finished = run.FinishedAt is { } f ? Clock(f) : "?";
        text.Append($"suite {run.Suite}: {Clock(run.StartedAt)} → {finished}{(run.Incomplete ? " (incomplete)" : string.Empty)}\n\n");
        text.Header("scenario", "nodes", "queue", "fault", Right("ok/s"), Right("p50 µs"), Right("p99 µs"), "issued / ok / failed / timed out", "CPU s: client, worker, broker nodes");
        foreach (var s in run.Scenarios)
        {
            var latency = s.OneWay ?? s.Latency.Corrected;
            var cpu = string.Join(", ", s.Cost.Select(c => c.Process + " " + Fixed(c.CpuSeconds, 2)));
            text.Row(s.Id, Setting(s, "nodes", "1"), Setting(s, "queueType", "?"), Setting(s, "fault", "–"), Fixed(s.Throughput, 0), Fixed(latency.P50Us, 0), Fixed(latency.P99Us, 0), Counts(s.Counts), cpu);
        }

        text.Append("\n");
        text.Header("scenario", "fault", "node hit", Right("downtime s"), Right("recovered after s"), Right("ok/s before"), "failed / timed out in window", "casts sent / received unique / redelivered / duplicates / lost");
        foreach (var s in run.Scenarios)
        {
            var ledger = s.CastLedger is { } l ? Ledger(l) : "–";
            foreach (var fault in s.Faults)
            {
                var node = (fault.Node ?? "?").Split(';')[0];
                var downtime = fault.DowntimeSeconds is { } d ? AsStored(d) : "?";
                var recovered = fault.RecoverySeconds is { } r ? Fixed(r, 1) : "not recovered";
                text.Row(s.Id, fault.Spec, node, downtime, recovered, Fixed(fault.OkPerSecondBefore, 0), $"{Integer(fault.FailedInWindow)} / {Integer(fault.TimedOutInWindow)}", ledger);
            }
        }
    }

    private static string Clock(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}

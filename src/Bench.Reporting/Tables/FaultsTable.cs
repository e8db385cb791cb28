using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table faults RUN…`: one row per fault of each run (the first scenario of each; a run without a fault is one row
/// with none), named by the run's folder: when it hit, how long until ok/s was back, what failed or timed out in its
/// window, the whole run's counts, the cast ledger and the worker events. `scripts/figures.sh faults` gives one run per fault kind.
/// </summary>
public sealed class FaultsTable() : FigureTable("faults", "one run folder per fault (the folder's name heads its row)")
{
    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        text.Header("run", "fault", "at s", "recovered after s", "ok/s before", "failed in window", "timed out in window", "issued / ok / failed / timed out", "casts sent / received unique / redelivered / duplicates / lost", "worker events");
        foreach (var (name, run) in Runs(paths))
        {
            if (run.Scenarios.Count == 0)
            {
                text.Append($"| {name} | no scenario measured: {run.StopReason ?? run.Verdict ?? "?"} | | | | | | | | |\n");
                continue;
            }

            var s = run.Scenarios[0];
            var ledger = s.CastLedger is { } l ? Ledger(l) : string.Empty;
            var events = string.Join(", ", s.WorkerEvents.Select(e => e.Worker + " " + e.Event));
            var faults = s.Faults.Count > 0 ? s.Faults.Select(f => (FaultRecord?)f) : [(FaultRecord?)null];
            foreach (var f in faults)
            {
                var recovered = f?.RecoverySeconds is { } r ? Fixed(r, 2) : "never";
                text.Row(name, f?.Spec ?? "-", Fixed(f?.AtSeconds ?? 0, 2), recovered, Fixed(f?.OkPerSecondBefore ?? 0, 0), Integer(f?.FailedInWindow ?? 0), Integer(f?.TimedOutInWindow ?? 0), Counts(s.Counts), ledger, events);
            }
        }
    }
}

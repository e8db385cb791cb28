using System.Globalization;
using System.Text;
using Bench.Reporting.Sweeps;

namespace Bench.Reporting;

/// <summary>
/// A run as Markdown, fit for a GitHub job summary: for each sweep the verdict in words and a pivot of ok/s and p99
/// over the swept settings, then one row per scenario and settings (<see cref="SummaryTable"/>), then the views a run's
/// scenarios call for (a celery run's C# worker against the best Celery worker, the broker's, the hops').
/// </summary>
public static class MarkdownSummary
{
    public static string Render(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var e = run.Environment;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Bench run {run.RunId}{(run.Incomplete ? " (INCOMPLETE: " + run.StopReason + ")" : string.Empty)}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{run.Command}` · suite `{run.Suite}` · {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z · git {EnvironmentProbe.ShortSha(e)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{e.CpuModel}, {e.Cores} cores · {e.DotNet} · RabbitMQ {e.BrokerVersion ?? "?"} ({(e.PrivateBroker ? "private node" : e.Broker)}) · peak RSS {run.PeakRssMb:0} MB");
        text.AppendLine();
        foreach (var sweep in Sweep.AllOf(run).Where(s => s.HasEffects))
        {
            AppendSweep(text, sweep);
        }

        SummaryTable.AppendTo(text, run);
        text.AppendLine();
        text.AppendLine("Latency is of ok requests: round trip for calls, send-to-arrival at the worker for casts; open-model rows are measured from each request's intended start. CPU is the client's and workers' user+system time in the measured window, divided by completed requests (the broker's, p99.9, mean and every count are in report.html and csv/scenarios.csv).");
        Agents.AgentTable.AppendMarkdown(text, run);
        AppendThresholds(text, run);
        AppendFaults(text, run);
        if (BaselineRatios.ToMarkdown(run) is { Length: > 0 } ratios)
        {
            text.AppendLine();
            text.Append(ratios);
        }

        if (Tables.CeleryWorkersTable.ToMarkdown(run) is { Length: > 0 } celeryWorkers)
        {
            text.AppendLine();
            text.Append(celeryWorkers);
        }

        if (Broker.BrokerSummary.ToMarkdown(run) is { Length: > 0 } brokerView)
        {
            text.AppendLine();
            text.Append(brokerView);
        }

        if (HopSummary.ToMarkdown(run) is { Length: > 0 } hops)
        {
            text.AppendLine();
            text.Append(hops);
        }

        // Variants of one scenario (a sweep, repetitions) each say which they are, or their notes would read alike.
        var shared = run.Scenarios.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string Named(ScenarioRecord s) => shared.Contains(s.Id) ? Who(s) : "`" + s.Id + "`";
        var notes = run.Scenarios.SelectMany(s => s.Notes.Select(n => $"- {Named(s)}: {n}")).Concat(run.Scenarios.SelectMany(s => s.Errors.Take(3).Select(err => $"- {Named(s)} {err.Outcome}: {err.Message}"))).ToList();
        if (notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Notes and sampled errors:");
            text.AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine(note);
            }
        }

        return text.ToString();
    }

    /// <summary>The verdict in words, then a pivot per setting: its values down, the other settings across, ok/s · p99 in each cell.</summary>
    private static void AppendSweep(StringBuilder text, Sweep sweep)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"## `{sweep.ScenarioId}`: what {string.Join(", ", sweep.WithEffects.Select(s => s.Name))} did");
        text.AppendLine();
        foreach (var sentence in SweepVerdict.Sentences(sweep))
        {
            text.AppendLine("- " + sentence);
        }

        text.AppendLine();
        // A full grid is all in its first setting's pivot; one knob at a time needs a pivot per knob.
        foreach (var setting in sweep.IsGrid ? sweep.WithEffects.Take(1) : sweep.WithEffects)
        {
            var lines = sweep.Lines(setting);
            if (lines.Count == 0)
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"| {setting.Name} | {string.Join(" | ", lines.Select(l => (l.Label.Length > 0 ? l.Label + ": " : string.Empty) + "ok/s · p99 µs"))} |");
            text.AppendLine("|---|" + string.Concat(lines.Select(_ => "---:|")));
            foreach (var value in setting.Values.Where(v => lines.Any(l => l.Points.Any(p => Sweep.ValueOf(p, setting.Name) == v))))
            {
                var cells = lines.Select(l => l.Points.FirstOrDefault(p => Sweep.ValueOf(p, setting.Name) == value) is { } p
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.Throughput.Median:N0} · {p.P99.Median:N0}") : "–");
                text.AppendLine(CultureInfo.InvariantCulture, $"| {value} | {string.Join(" | ", cells)} |");
            }

            text.AppendLine();
        }
    }

    /// <summary>Per scenario with `--assert` thresholds, one line each: "✓ p99&lt;20ms (measured 4.2 ms)"; nothing when there are none.</summary>
    private static void AppendThresholds(StringBuilder text, RunResult run)
    {
        var checkedScenarios = run.Scenarios.Where(s => s.Thresholds.Count > 0).ToList();
        if (checkedScenarios.Count == 0)
        {
            return;
        }

        var all = checkedScenarios.Sum(s => s.Thresholds.Count);
        var passed = checkedScenarios.Sum(s => s.Thresholds.Count(t => t.Passed));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Thresholds: {passed} of {all} passed{(passed < all ? " (a breach fails the run)" : string.Empty)}.");
        text.AppendLine();
        foreach (var s in checkedScenarios)
        {
            text.AppendLine("- " + Who(s));
            foreach (var threshold in s.Thresholds)
            {
                text.AppendLine("  - " + threshold);
            }
        }
    }

    /// <summary>Each fault with its window and recovery, each worker event, each cast ledger; nothing when there are none.</summary>
    private static void AppendFaults(StringBuilder text, RunResult run)
    {
        var lines = new List<string>();
        foreach (var s in run.Scenarios)
        {
            var who = "- " + Who(s) + ": ";
            foreach (var f in s.Faults)
            {
                var recovery = f.RecoverySeconds is { } r ? string.Create(CultureInfo.InvariantCulture, $"recovered after {r:0.0} s") : f.Unjudged ?? "⚠ not recovered";
                var blocked = f.Blocked is { } b ? string.Create(CultureInfo.InvariantCulture, $", blocked {b:N0} times") : string.Empty;
                blocked += f.DowntimeSeconds is { } down ? string.Create(CultureInfo.InvariantCulture, $"; client-observed downtime {down:0} s") : string.Empty;
                blocked += f.Node is { } node ? "; hit " + node : string.Empty;
                lines.Add(who + string.Create(CultureInfo.InvariantCulture,
                    $"`{f.Spec}` at {f.AtSeconds:0.0} s {(f.DurationSeconds > 0 ? $"for {f.DurationSeconds:0.0} s" : "(instantaneous)")}: {recovery} (ok/s before {f.OkPerSecondBefore:N0}); {f.FailedInWindow:N0} failed and {f.TimedOutInWindow:N0} timed out in the window{blocked}")
                    + (f.Note is null ? string.Empty : "; " + f.Note));
            }

            foreach (var e in s.WorkerEvents)
            {
                lines.Add(who + (e.Event == "exited" && !e.Expected ? "⚠ " : string.Empty) + string.Create(CultureInfo.InvariantCulture, $"worker {e.Worker} {e.Event} at {e.AtSeconds:0.0} s")
                    + (e.Exit is null ? string.Empty : " (" + e.Exit + ")") + (e.Event == "exited" && e.Expected ? ", asked for by a fault" : string.Empty));
            }

            if (s.CastLedger is { } l)
            {
                lines.Add(who + (l.Lost > 0 ? "⚠ " : string.Empty) + string.Create(CultureInfo.InvariantCulture,
                    $"casts sent {l.Sent:N0}, received unique {l.ReceivedUnique:N0}, redelivered {l.Redelivered:N0}, duplicates {l.Duplicates:N0}, lost {l.Lost:N0}"));
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Faults and workers (seconds from the start of measurement; recovery from the end of the fault — from its start for a cluster node — to the first second at 80% of the ok/s before it; downtime: seconds below 50% of it):");
        text.AppendLine();
        foreach (var line in lines)
        {
            text.AppendLine(line);
        }
    }

    // A scenario as the lists name it: id, settings and load (the table's own column), so two variants never read alike.
    private static string Who(ScenarioRecord s) =>
        ("`" + s.Id + "` " + Settings(s)).TrimEnd() + " · " + s.Load + (s.Repetition > 1 ? string.Create(CultureInfo.InvariantCulture, $" (repetition {s.Repetition})") : string.Empty);

    private static string Settings(ScenarioRecord s) =>
        string.Join(" ", s.Settings.Where(kv => kv.Key is not ("model" or "outstanding" or "rate")).Select(kv => kv.Key + "=" + kv.Value));
}

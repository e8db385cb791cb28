using Bench.Harness;
using Bench.Harness.Agents;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.Thresholds;

namespace Bench.Scenarios.Cli;

/// <summary>
/// The end of a run, however it stopped: the verdict, the stop reason, results.json, summary.md and report.html, an
/// agent's results published to its coordinator, and the exit code (130 interrupted, 1 failed, 0 passed).
/// </summary>
internal static class RunEnding
{
    public static async Task<int> FinishAsync(RunPlan plan, RunSession session, ScenarioLoop.Outcome outcome, ShutdownSignal signal)
    {
        var failed = outcome.Failed;
        var failures = outcome.Failures;
        var interrupted = signal.Token.IsCancellationRequested;
        var verdict = interrupted ? null : plan.Checks.Verdict(session) ?? ThresholdCheck.Verdict(session.Result.Scenarios);
        // A scenario that could not run (an unreachable target, a worker that never started) leaves no record: its one
        // line is the results' stop reason, so results.json and summary.md say why as the terminal did.
        var stopReason = interrupted ? "interrupted by " + signal.Received
            : failures.Count > 0 ? "a scenario failed: " + failures[0] + (failures.Count > 1 ? $" (and {failures.Count - 1} more)" : string.Empty)
            : failed ? "a scenario was not fully accounted" : null;
        session.Finish(interrupted || failed, stopReason, verdict);
        Console.WriteLine($"results: {session.ResultsPath}");
        Console.WriteLine($"summary: {session.SummaryPath}");
        var root = RepositoryRoot.Find();
        var report = ReportWriter.Write([session.Result], Path.Combine(session.OutputDirectory, "report.html"), root,
            ReportCommand.LoadHistory(null, root), ReportCommand.LoadBenchmarks(null, root), out var problem);
        Console.WriteLine(report is null ? "bench: " + problem : "report:  " + report);
        if (verdict is not null)
        {
            Console.Error.WriteLine("bench: run failed: " + verdict);
        }

        if (session.Agent is { Record.StartAt: not null } link)
        {
            // Past the barrier: whatever was measured (even an interrupted slice) goes to the coordinator, marked as it is.
            Console.WriteLine(AgentLink.Describe(link.Record));
            using var publish = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await link.PublishAsync(session.ResultsPath, publish.Token);
            Console.WriteLine("results published on the control broker");
        }

        return interrupted ? 130 : failed || verdict is not null ? 1 : 0;
    }
}

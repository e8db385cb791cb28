using Bench.Broker;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.Thresholds;
using Bench.Scenarios.Metrics;

namespace Bench.Scenarios.Cli;

/// <summary>
/// Runs every spec of a checked plan, repetitions interleaved, on the progress display: each record is flagged,
/// checked against the thresholds and added to the session; a scenario that throws is one failure line and the loop
/// goes on; with --metrics-listen every progress snapshot also feeds the live metrics. Ctrl-C stops before the next
/// scenario.
/// </summary>
internal static class ScenarioLoop
{
    /// <summary>Whether any scenario failed or was not fully accounted, and the one line of each that could not run.</summary>
    public sealed record Outcome(bool Failed, IReadOnlyList<string> Failures);

    public static async Task<Outcome> RunAsync(RunPlan plan, RunSession session, BrokerLeases brokers, LiveMetrics? live, CancellationToken cancellationToken)
    {
        var repeat = plan.Repeat;
        var failed = false;
        var failures = new List<string>();
        var display = new ProgressDisplay();
        await display.RunAsync(async d =>
        {
            // Repetitions are interleaved (A B C A B C …), so slow drift on a shared machine hits every variant alike.
            foreach (var (spec, repetition) in Enumerable.Range(1, repeat).SelectMany(rep => plan.Specs.Select(spec => (spec, rep))))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var settings = string.Join(' ', spec.Describe().Select(kv => kv.Key + "=" + kv.Value)) + (repeat > 1 ? $" (repetition {repetition}/{repeat})" : string.Empty);
                d.Begin(spec.Id, settings);
                live?.Begin(spec.Id, spec.Describe(), repetition);
                try
                {
                    await brokers.UseAsync(spec.Settings.Nodes, cancellationToken);
                    // A rate given as a fraction of capacity is found first, by a short rate search on this broker.
                    var (run, rateChoice) = await CapacityProbe.ResolveAsync(spec, session, d.Update, cancellationToken);
                    ScenarioRecord record;
                    await using (var execution = run.Scenario.CreateRun(session, run))
                    {
                        record = await execution.RunAsync(live is null ? d.Update : p => { d.Update(p); live.Update(p); }, cancellationToken);
                    }

                    if (rateChoice is not null)
                    {
                        record = record with { RateChoice = rateChoice, Notes = [rateChoice.Why, .. record.Notes] };
                    }

                    record = ThresholdCheck.Apply(plan.Checks.Flag(record with { Repetition = repetition }), plan.ParsedThresholds);
                    session.Add(record);
                    d.Complete(record);
                    failed |= !record.Counts.Accounted;
                    foreach (var t in record.Thresholds)
                    {
                        Console.WriteLine("  " + t);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed = true;
                    failures.Add(spec.Id + ": " + AmqpUri.MaskText(e.Message));
                    d.Fail(spec.Id, AmqpUri.MaskText(e.Message));
                }
            }
        });
        return new Outcome(failed, failures);
    }
}

using System.Text.Json;
using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Reporting;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>
/// call.sleep: an oslo call of sleep(ms), a fixed service time on the worker. What the sleeps really took at the
/// workers (merged) is recorded beside the round trip, so the time asked for and the time served can be told apart.
/// </summary>
internal sealed class CallSleep() : OsloCallScenario(
    "call.sleep", "oslo call of sleep(ms): a fixed service time of --sleep-ms on the worker", "sleep", shorthand: true, argument: OptionTable.SleepMs)
{
    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Sleep(settings.SleepMs);

    public override Task BeforeMeasurementAsync(IWorkerRunContext run, CancellationToken cancellation) =>
        run.ForEachWorkerAsync<JsonElement>("sleep_stats_reset", cancellation);

    public override async Task<ScenarioRecord> CompleteAsync(IWorkerRunContext run, ScenarioRecord record)
    {
        if (run.Workers.Count == 0)
        {
            return record;
        }

        var merged = new Load.LatencyHistogram();
        foreach (var histogram in await run.ForEachWorkerAsync<HistogramRecord>("sleep_stats", CancellationToken.None))
        {
            merged.Add(histogram.ToHistogram());
        }

        return record with { WorkerServiceTime = LatencyRecord.From(merged) };
    }
}

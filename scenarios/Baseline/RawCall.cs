using Bench.Harness.Definitions;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;

namespace Bench.Scenarios.Baseline;

/// <summary>raw.call: plain RabbitMQ.Client request/reply to a raw echo consumer — the broker's ceiling for a call.</summary>
internal sealed class RawCall() : RawScenario(
    "raw.call", "plain RabbitMQ.Client request/reply to a raw echo consumer (the ceiling for a call)", ScenarioKind.Call)
{
    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var (payload, clients, timeout) = (Payloads.Payloads.Raw(run.Settings.PayloadBytes), run.RawClients, run.Timeout);
        return ctx => StepOutcomes.FromCall(clients[Pick(ctx, clients.Length)].CallAsync(payload, timeout));
    }
}

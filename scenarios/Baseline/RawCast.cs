using Bench.Harness.Definitions;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Load;

namespace Bench.Scenarios.Baseline;

/// <summary>raw.cast: plain RabbitMQ.Client publish to a raw consumer, measured at the consumer — the ceiling for a cast.</summary>
internal sealed class RawCast() : RawScenario(
    "raw.cast", "plain RabbitMQ.Client publish to a raw consumer, measured there (the ceiling for a cast)", ScenarioKind.Cast)
{
    public override Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run)
    {
        var (payload, clients) = (Payloads.Payloads.Raw(run.Settings.PayloadBytes), run.RawClients);
        return ctx => StepOutcomes.FromCast(clients[Pick(ctx, clients.Length)].CastAsync(payload));
    }
}

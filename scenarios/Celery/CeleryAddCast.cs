using Bench.Harness.Definitions;

namespace Bench.Scenarios.Celery;

/// <summary>celery.add.cast: tasks.add sent with ignore_result; throughput is the worker's, measured by draining the queue.</summary>
internal sealed class CeleryAddCast : CeleryScenario
{
    public override string Id => "celery.add.cast";

    public override string Summary => "Celery tasks.add with ignore_result, drained by the worker";

    public override ScenarioKind Kind => ScenarioKind.Cast;
}

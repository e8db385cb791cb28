using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>celery.task.cast: a task sent with ignore_result to an external Celery worker; the figure is the queue's drain.</summary>
internal sealed class CeleryTaskCast : CeleryTargetScenario
{
    public override string Id => "celery.task.cast";

    public override string Summary => "--task on your Celery worker with ignore_result, drained (--target celery --cast)";

    public override ScenarioKind Kind => ScenarioKind.Cast;
}

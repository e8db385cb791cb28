using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>celery.task.cast: a task sent with ignore_result to an external Celery worker; the figure is the queue's drain.</summary>
internal sealed class CeleryTaskCast() : CeleryTargetScenario(
    "celery.task.cast", "--task on your Celery worker with ignore_result, drained (--target celery --cast)", ScenarioKind.Cast);

using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>celery.task: a task on an external Celery worker, apply_async + get over rpc:// (`--target celery`).</summary>
internal sealed class CeleryTask() : CeleryTargetScenario(
    "celery.task", "--task on your Celery worker: apply_async + get over rpc:// (--target celery)", ScenarioKind.Call);

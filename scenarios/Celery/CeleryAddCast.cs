using Bench.Harness.Definitions;

namespace Bench.Scenarios.Celery;

/// <summary>celery.add.cast: tasks.add sent with ignore_result; throughput is the worker's, measured by draining the queue.</summary>
internal sealed class CeleryAddCast() : CeleryScenario(
    "celery.add.cast", "Celery tasks.add with ignore_result, drained by the worker", ScenarioKind.Cast);

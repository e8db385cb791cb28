using Bench.Harness.Definitions;

namespace Bench.Scenarios.Celery;

/// <summary>celery.add: tasks.add by apply_async + get over rpc:// (the seed's benchmark); the round trip is the figure.</summary>
internal sealed class CeleryAdd() : CeleryScenario("celery.add", "Celery tasks.add by apply_async + get over rpc://", ScenarioKind.Call);

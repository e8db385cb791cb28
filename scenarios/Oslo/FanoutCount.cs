using Bench.Harness.Definitions;

namespace Bench.Scenarios.Oslo;

/// <summary>fanout.count: oslo fanout casts to every worker, each delivery counted and timed at each worker.</summary>
internal sealed class FanoutCount() : OsloCastScenario("fanout.count", "oslo fanout casts to every worker, measured at each", ScenarioKind.Fanout);

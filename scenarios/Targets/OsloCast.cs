using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>oslo.cast: casts of a method to an external oslo.messaging service; the figure is its queue's drain.</summary>
internal sealed class OsloCast() : OsloTargetScenario(
    "oslo.cast", "casts of --method to your oslo.messaging service, drained (--target oslo --cast)", ScenarioKind.Cast);

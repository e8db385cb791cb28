using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>oslo.call: calls of a method on an external oslo.messaging service (`--target oslo`).</summary>
internal sealed class OsloCall() : OsloTargetScenario(
    "oslo.call", "calls of --method on your oslo.messaging service (--target oslo)", ScenarioKind.Call);

using Bench.Harness.Definitions;

namespace Bench.Scenarios.Targets;

/// <summary>oslo.call: calls of a method on an external oslo.messaging service (`--target oslo`).</summary>
internal sealed class OsloCall : OsloTargetScenario
{
    public override string Id => "oslo.call";

    public override string Summary => "calls of --method on your oslo.messaging service (--target oslo)";

    public override ScenarioKind Kind => ScenarioKind.Call;
}

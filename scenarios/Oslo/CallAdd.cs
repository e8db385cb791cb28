using Bench.Harness.Definitions;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.add: an oslo call of add(x, y) — the smallest real request, the headline round trip.</summary>
internal sealed class CallAdd : OsloCallScenario
{
    public override string Id => "call.add";

    public override string Summary => "oslo call of add(x, y)";

    protected override string Method => "add";

    public override string? MethodShorthand => Method;

    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Add;
}

using Bench.Harness.Definitions;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.add: an oslo call of add(x, y) — the smallest real request, the headline round trip.</summary>
internal sealed class CallAdd() : OsloCallScenario("call.add", "oslo call of add(x, y)", "add", shorthand: true)
{
    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Add;
}

using Bench.Harness.Definitions;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.nova: an oslo call of echo(payload) carrying a Nova Instance object primitive (a realistic body).</summary>
internal sealed class CallNova() : OsloCallScenario("call.nova", "oslo call of echo(payload) with a Nova Instance primitive", "echo")
{
    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Nova;
}

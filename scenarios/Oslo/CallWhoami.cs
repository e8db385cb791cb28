using Bench.Harness.Definitions;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.whoami: an oslo call of whoami(), a method with no arguments that answers with the request's context.</summary>
internal sealed class CallWhoami() : OsloCallScenario(
    "call.whoami", "oslo call of whoami(): no arguments, the answer is the request's context", "whoami")
{
    protected override RpcArgs Args(ScenarioSettings settings) => RpcArgs.Empty;
}

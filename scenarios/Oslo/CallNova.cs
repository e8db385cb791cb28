using Bench.Harness.Definitions;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.nova: an oslo call of echo(payload) carrying a Nova Instance object primitive (a realistic body).</summary>
internal sealed class CallNova : OsloCallScenario
{
    public override string Id => "call.nova";

    public override string Summary => "oslo call of echo(payload) with a Nova Instance primitive";

    protected override string Method => "echo";

    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Nova;
}

using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.echo: an oslo call of echo(payload) with a string payload of --payload bytes.</summary>
internal sealed class CallEcho() : OsloCallScenario(
    "call.echo", "oslo call of echo(payload), a string of --payload bytes", "echo", shorthand: true, argument: OptionTable.Payload)
{
    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Echo(settings.PayloadBytes);
}

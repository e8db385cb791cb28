using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Rpc;

namespace Bench.Scenarios.Oslo;

/// <summary>call.echo: an oslo call of echo(payload) with a string payload of --payload bytes.</summary>
internal sealed class CallEcho : OsloCallScenario
{
    public override string Id => "call.echo";

    public override string Summary => "oslo call of echo(payload), a string of --payload bytes";

    protected override string Method => "echo";

    public override string? MethodShorthand => Method;

    protected override IEnumerable<SettingOption> Recorded => [.. base.Recorded, OptionTable.Payload];

    protected override RpcArgs Args(ScenarioSettings settings) => Payloads.Payloads.Echo(settings.PayloadBytes);
}

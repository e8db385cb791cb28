using Bench.Harness.Definitions;
using Bench.Harness.Runs;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Templates;

namespace Bench.Harness.Targets;

/// <summary>
/// Drives an oslo.messaging service as oslo's own client would: requests to its topic (or topic.server) through its
/// control exchange, with its namespace and version, arguments filled per request. Bench declares nothing of the
/// service's topology (its exchange may be durable; a redeclare would close the channel), only its own reply queue.
/// </summary>
public sealed class ExternalOsloRun(RunSession session, ScenarioSpec spec) : ExternalRun(session, spec)
{
    private RpcClient[] _clients = [];
    private ArgsTemplate? _args;

    private Target RpcTarget => new(Target.Topic!, Target.Server, Exchange: Target.Exchange, Version: Target.Version, Namespace: Target.Namespace);

    protected override string Queue => Target.Server is null ? Target.Topic! : Target.Topic + "." + Target.Server;

    protected override string? Exchange => Target.Exchange ?? "openstack";

    protected override string What => $"oslo topic '{Queue}'";

    protected override async Task<Func<StepContext, ValueTask<StepResult>>> ConnectAsync(CancellationToken cancellation)
    {
        _args = ArgsTemplate.Compile(Target.Args ?? "{}", TemplateShape.JsonObject);
        var options = OsloClientOptions("bench-target:oslo") with { ControlExchange = Exchange!, DeclareExchanges = false };
        _clients = new RpcClient[Settings.Channels];
        for (var i = 0; i < _clients.Length; i++)
        {
            _clients[i] = Owned.Add(await RpcClient.ConnectAsync(BrokerUri, options, cancellationToken: cancellation));
        }

        return IsCast
            ? TemplatedSteps.OsloCast(_clients, RpcTarget, Target.Method!, _args)
            : TemplatedSteps.OsloCall(_clients, RpcTarget, Target.Method!, _args, Timeout);
    }

    protected override async ValueTask<CallResult> ProbeAsync(TimeSpan timeout)
    {
        using var args = _args!.Rent();
        return await _clients[0].TryCallAsync(RpcTarget, Target.Method!, args.Args, timeout, discardResult: true);
    }
}

using Bench.Harness.Definitions;
using Bench.Harness.Runs;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Celery;
using Bench.Rpc.Templates;

namespace Bench.Harness.Targets;

/// <summary>
/// Drives a Celery worker as Celery's own client would: protocol v2 messages for its task on its queue (through the
/// default exchange, as kombu does), positional and keyword arguments filled per request, results over rpc://.
/// </summary>
public sealed class ExternalCeleryRun(RunSession session, ScenarioSpec spec) : ExternalRun(session, spec)
{
    private CeleryClient? _client;
    private ArgsTemplate? _args;
    private ArgsTemplate? _kwargs;

    protected override string Queue => Target.Queue ?? "celery";

    protected override string? Exchange => null;

    protected override string What => $"Celery task '{Target.Task}' on queue '{Queue}'";

    protected override async Task<Func<StepContext, ValueTask<StepResult>>> ConnectAsync(CancellationToken cancellation)
    {
        _args = ArgsTemplate.Compile(Target.Args ?? "[]", TemplateShape.JsonArray);
        _kwargs = Target.Kwargs is { } kwargs ? ArgsTemplate.Compile(kwargs, TemplateShape.JsonObject) : null;
        _client = Owned.Add(await CeleryClient.ConnectAsync(BrokerUri,
            new CeleryClientOptions { Queue = Queue, DefaultTimeout = Timeout, DeclareQueue = false, ClientName = "bench-target:celery" }, cancellationToken: cancellation));
        return IsCast
            ? TemplatedSteps.CelerySend(_client, Target.Task!, _args, _kwargs)
            : TemplatedSteps.CeleryApply(_client, Target.Task!, _args, _kwargs, Timeout);
    }

    protected override async ValueTask<CallResult> ProbeAsync(TimeSpan timeout)
    {
        using var args = _args!.Rent();
        using var kwargs = _kwargs?.Rent() ?? default;
        return await _client!.TryApplyAsync(Target.Task!, args.Args, _kwargs is null ? null : kwargs.Args, timeout, discardResult: true);
    }
}

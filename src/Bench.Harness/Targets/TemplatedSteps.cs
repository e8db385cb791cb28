using System.Runtime.CompilerServices;
using Bench.Harness.Definitions;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Celery;
using Bench.Rpc.Templates;

namespace Bench.Harness.Targets;

/// <summary>
/// Requests to an external target with arguments filled per request: each renders its template into a pooled buffer
/// (no parse, no allocation of its own) that goes back when the request completes. A constant template skips this.
/// </summary>
public static class TemplatedSteps
{
    public static Func<StepContext, ValueTask<StepResult>> OsloCall(RpcClient[] clients, Target target, string method, ArgsTemplate args, TimeSpan timeout)
    {
        if (args.IsConstant)
        {
            var constant = args.Constant;
            return ctx => StepOutcomes.FromCall(clients[Workers.WorkerScenario.Pick(ctx, clients.Length)].TryCallAsync(target, method, constant, timeout, discardResult: true));
        }

        return ctx => CallAsync(clients[Workers.WorkerScenario.Pick(ctx, clients.Length)], target, method, args, timeout);
    }

    public static Func<StepContext, ValueTask<StepResult>> OsloCast(RpcClient[] clients, Target target, string method, ArgsTemplate args) =>
        ctx => CastAsync(clients[Workers.WorkerScenario.Pick(ctx, clients.Length)], target, method, args);

    public static Func<StepContext, ValueTask<StepResult>> CeleryApply(CeleryClient client, string task, ArgsTemplate args, ArgsTemplate? kwargs, TimeSpan timeout) =>
        _ => ApplyAsync(client, task, args, kwargs, timeout);

    public static Func<StepContext, ValueTask<StepResult>> CelerySend(CeleryClient client, string task, ArgsTemplate args, ArgsTemplate? kwargs) =>
        _ => SendAsync(client, task, args, kwargs);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> CallAsync(RpcClient client, Target target, string method, ArgsTemplate template, TimeSpan timeout)
    {
        using var args = template.Rent();
        return StepOutcomes.Map(await client.TryCallAsync(target, method, args.Args, timeout, discardResult: true));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> CastAsync(RpcClient client, Target target, string method, ArgsTemplate template)
    {
        using var args = template.Rent();
        await client.CastAsync(target, method, args.Args);
        return StepResult.Ok;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> ApplyAsync(CeleryClient client, string task, ArgsTemplate argsTemplate, ArgsTemplate? kwargsTemplate, TimeSpan timeout)
    {
        using var args = argsTemplate.Rent();
        using var kwargs = kwargsTemplate?.Rent() ?? default;
        return StepOutcomes.Map(await client.TryApplyAsync(task, args.Args, kwargsTemplate is null ? null : kwargs.Args, timeout, discardResult: true));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> SendAsync(CeleryClient client, string task, ArgsTemplate argsTemplate, ArgsTemplate? kwargsTemplate)
    {
        using var args = argsTemplate.Rent();
        using var kwargs = kwargsTemplate?.Rent() ?? default;
        await client.SendAsync(task, args.Args, kwargsTemplate is null ? null : kwargs.Args);
        return StepResult.Ok;
    }
}

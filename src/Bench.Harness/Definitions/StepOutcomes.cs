using System.Runtime.CompilerServices;
using Bench.Load;
using Bench.Rpc;

namespace Bench.Harness.Definitions;

/// <summary>
/// A transport's outcome as the load engine's: a call's <see cref="CallResult"/> or a cast's completion becomes a
/// <see cref="StepResult"/>, synchronously when already done and through a pooled state machine otherwise, so the
/// step adds no allocation of its own. Every scenario (oslo, raw, Celery) maps outcomes here, the same way.
/// </summary>
public static class StepOutcomes
{
    public static ValueTask<StepResult> FromCall(ValueTask<CallResult> call) =>
        call.IsCompletedSuccessfully ? new ValueTask<StepResult>(Map(call.Result)) : AwaitCallAsync(call);

    public static ValueTask<StepResult> FromCast(ValueTask cast) =>
        cast.IsCompletedSuccessfully ? new ValueTask<StepResult>(StepResult.Ok) : AwaitCastAsync(cast);

    public static StepResult Map(in CallResult result) => result.Outcome switch
    {
        CallOutcome.Ok => StepResult.Ok,
        CallOutcome.TimedOut => new StepResult(Outcome.TimedOut),
        CallOutcome.RemoteError => new StepResult(Outcome.Failed, result.Error!.ExceptionClass + ": " + result.Error.RemoteMessage),
        _ => new StepResult(Outcome.Failed, result.Outcome + ": " + result.Error?.RemoteMessage),
    };

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> AwaitCallAsync(ValueTask<CallResult> call) => Map(await call);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<StepResult> AwaitCastAsync(ValueTask cast)
    {
        await cast;
        return StepResult.Ok;
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Bench.Load;

/// <summary>
/// One open-model request in flight, pooled: it hooks its continuation straight onto the step's awaiter (a cached
/// delegate, no async state machine), so a step backed by a reusable IValueTaskSource costs no allocation here.
/// Fire-and-forget async methods would allocate a box per request, or leak pooled ones that nobody awaits.
/// </summary>
internal sealed class OpenRequest
{
    private static readonly ConcurrentQueue<OpenRequest> s_pool = new();
    private readonly Action _continuation;
    private ConfiguredValueTaskAwaitable<StepResult>.ConfiguredValueTaskAwaiter _awaiter;
    private ScenarioRunner.Phase? _phase;
    private long _intended;
    private long _started;

    private OpenRequest() => _continuation = OnCompleted;

    public static void Start(ScenarioRunner.Phase phase, long invocation, long intended, long started)
    {
        ValueTask<StepResult> pending;
        try
        {
            pending = phase.Step(phase.Context(invocation));
        }
        catch (Exception e)
        {
            phase.Complete(new StepResult(Outcome.Failed, e.GetType().Name + ": " + e.Message), intended, started);
            return;
        }

        if (pending.IsCompleted)
        {
            phase.Complete(Result(pending.ConfigureAwait(false).GetAwaiter()), intended, started);
            return;
        }

        var request = s_pool.TryDequeue(out var pooled) ? pooled : new OpenRequest();
        request._phase = phase;
        request._intended = intended;
        request._started = started;
        request._awaiter = pending.ConfigureAwait(false).GetAwaiter();
        request._awaiter.UnsafeOnCompleted(request._continuation);
    }

    private static StepResult Result(ConfiguredValueTaskAwaitable<StepResult>.ConfiguredValueTaskAwaiter awaiter)
    {
        try
        {
            return awaiter.GetResult();
        }
        catch (Exception e)
        {
            return new StepResult(Outcome.Failed, e.GetType().Name + ": " + e.Message);
        }
    }

    private void OnCompleted()
    {
        var result = Result(_awaiter);
        var phase = _phase!;
        var (intended, started) = (_intended, _started);
        _awaiter = default;
        _phase = null;
        s_pool.Enqueue(this);
        phase.Complete(result, intended, started);
    }
}

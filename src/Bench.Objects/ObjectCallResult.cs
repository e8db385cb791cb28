using Bench.Objects.Model;
using Bench.Rpc;

namespace Bench.Objects;

/// <summary>
/// A remotable method's outcome as a value (the load path does not throw per failed call): the call's outcome, the
/// remote error, and the object. <see cref="Unwrap"/> turns a failure into the exception a user expects.
/// </summary>
public readonly struct ObjectCallResult<T>
{
    public ObjectCallResult(CallOutcome outcome, RemoteError? error, T? value)
    {
        Outcome = outcome;
        Error = error;
        Value = value;
    }

    public CallOutcome Outcome { get; }

    public RemoteError? Error { get; }

    public T? Value { get; }

    public bool IsOk => Outcome == CallOutcome.Ok;

    internal static ObjectCallResult<T> Ok(T? value) => new(CallOutcome.Ok, null, value);

    internal static ObjectCallResult<T> Failed(CallOutcome outcome, RemoteError? error) => new(outcome, error, default);

    /// <summary>A local refusal (the object model's exception) in the form a remote caller would get it.</summary>
    internal static ObjectCallResult<T> Refused(ObjectModelException error) => new(CallOutcome.RemoteError, Conductor.ConductorErrors.ToRemote(error), default);

    public T? Unwrap() => Outcome switch
    {
        CallOutcome.Ok => Value,
        CallOutcome.TimedOut => throw new RpcTimeoutException(Error?.RemoteMessage ?? "the conductor did not answer in time"),
        CallOutcome.Canceled => throw new OperationCanceledException(),
        _ => throw Error ?? new RemoteError("RemoteError", "bench.objects", Outcome.ToString()),
    };
}

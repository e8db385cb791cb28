namespace Bench.Rpc;

/// <summary>
/// A call's outcome as a value, never an exception: under overload thousands of calls a second time out, and a
/// thrown exception per call would distort the very tail being measured.
/// </summary>
public readonly struct CallResult
{
    public CallResult(CallOutcome outcome, RemoteError? error = null, ReadOnlyMemory<byte> result = default)
    {
        Outcome = outcome;
        Error = error;
        Result = result;
    }

    public CallOutcome Outcome { get; }

    /// <summary>The remote failure (RemoteError outcome) or a local description (TransportError).</summary>
    public RemoteError? Error { get; }

    /// <summary>The reply's result as raw JSON; empty when the call discarded it.</summary>
    public ReadOnlyMemory<byte> Result { get; }

    public bool IsOk => Outcome == CallOutcome.Ok;
}

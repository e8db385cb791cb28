namespace Bench.Rpc.Dispatch;

/// <summary>Where a parameter's value lives in an <see cref="ArgFrame"/>, or that it comes from the call, not the args.</summary>
internal enum ParameterKind : byte
{
    Int32,
    Int64,
    Double,
    Boolean,
    String,
    Json,
    /// <summary>Any JSON value, kept as its text (RawJson): one copy, no parsing.</summary>
    Raw,
    Context,
    Cancellation,
    /// <summary>How long the caller waits (<see cref="Bench.Rpc.CallerTimeout"/>), read from the request's properties.</summary>
    CallerTimeout,
}

namespace Bench.Rpc.Wire;

/// <summary>How a request body is framed. oslo.messaging 14 sends the 2.0 envelope and accepts both.</summary>
public enum EnvelopeFormat
{
    /// <summary><c>{"oslo.version": "2.0", "oslo.message": "&lt;inner JSON as a string&gt;"}</c>: what Nova sends today.</summary>
    Oslo2,

    /// <summary>The inner message as the body (oslo's 1.0 style), to measure what the double encoding costs.</summary>
    Plain,
}

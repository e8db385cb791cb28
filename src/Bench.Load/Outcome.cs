namespace Bench.Load;

/// <summary>How one request ended. Every issued request ends in exactly one of these.</summary>
public enum Outcome : byte
{
    Ok,
    Failed,
    TimedOut,
}

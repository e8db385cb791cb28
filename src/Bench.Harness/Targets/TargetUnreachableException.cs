namespace Bench.Harness.Targets;

/// <summary>An external target that cannot be reached (no exchange, no queue, no consumer, no reply): one line naming it.</summary>
public sealed class TargetUnreachableException(string message) : Exception(message);

namespace Bench.Load;

/// <summary>Passed to each invocation of a step: which request this is, and which virtual user (closed model) sends it.</summary>
public readonly record struct StepContext(long Invocation, int VirtualUser, CancellationToken CancellationToken);

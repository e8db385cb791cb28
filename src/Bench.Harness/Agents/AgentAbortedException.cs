namespace Bench.Harness.Agents;

/// <summary>The coordinator called the run off (too few agents ready): this agent measures nothing.</summary>
public sealed class AgentAbortedException(string message) : Exception(message);

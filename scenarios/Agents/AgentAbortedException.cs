namespace Bench.Scenarios.Agents;

/// <summary>The coordinator called the run off (too few agents ready): this agent measures nothing.</summary>
internal sealed class AgentAbortedException(string message) : Exception(message);

namespace Bench.Harness.Definitions;

/// <summary>What a scenario's request is, which decides what is measured and how a run ends.</summary>
public enum ScenarioKind
{
    /// <summary>An in-process step with no broker (the harness's own cost).</summary>
    Step,

    /// <summary>Request and reply: latency is the round trip.</summary>
    Call,

    /// <summary>Fire and forget: throughput is the drain at the worker (or of the queue), latency one-way where measured.</summary>
    Cast,

    /// <summary>A cast to every worker: each delivery is counted at each worker.</summary>
    Fanout,
}

namespace Bench.Harness.Definitions;

/// <summary>One thing a run runs: a scenario with its settings, and for an external target, what it drives.</summary>
public sealed record ScenarioSpec(ScenarioDefinition Scenario, ScenarioSettings Settings, Targets.ExternalTarget? Target = null)
{
    public string Id => Scenario.Id;

    /// <summary>Faults this spec injects itself (a suite's fault runs), in place of the run's --fault; recorded in its settings key.</summary>
    public IReadOnlyList<Faults.FaultSpec>? Faults { get; init; }

    /// <summary>The settings as recorded: the scenario's settings key.</summary>
    public SortedDictionary<string, string> Describe() => Scenario.Describe(this);
}

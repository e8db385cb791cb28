namespace Bench.Scenarios.Catalog;

/// <summary>One thing a run runs: a scenario with its settings, and for an external target, what it drives.</summary>
internal sealed record ScenarioSpec(ScenarioDefinition Scenario, ScenarioSettings Settings, Targets.ExternalTarget? Target = null)
{
    public string Id => Scenario.Id;

    /// <summary>The settings as recorded: the scenario's settings key.</summary>
    public SortedDictionary<string, string> Describe() => Scenario.Describe(this);
}

namespace Bench.Scenarios.Catalog;

/// <summary>One thing a suite runs: a scenario id with its settings.</summary>
internal sealed record ScenarioSpec(string Id, ScenarioSettings Settings);

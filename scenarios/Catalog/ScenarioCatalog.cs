using Bench.Harness;
using Bench.Harness.Definitions;
using Bench.Harness.Targets;
using Bench.Scenarios.Baseline;
using Bench.Scenarios.Celery;
using Bench.Scenarios.Harness;
using Bench.Scenarios.Objects;
using Bench.Scenarios.Oslo;
using Bench.Scenarios.Targets;

namespace Bench.Scenarios.Catalog;

/// <summary>
/// Every scenario Bench has, in one list. Adding a scenario is one class (in its family's folder) and one line here;
/// its id is frozen (results history is keyed on it): scenario-ids.txt beside this file lists every id ever
/// registered, and a test holds the two equal. The suites, `--scenario`, the settings key and the report all take
/// what they need from the scenario object.
/// </summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new HarnessNull(),
        new RawCall(),
        new RawCast(),
        new CallAdd(),
        new CallEcho(),
        new CallNova(),
        new CallSleep(),
        new CastCount(),
        new FanoutCount(),
        new CeleryAdd(),
        new CeleryAddCast(),
        new ObjectsGet(),
        new ObjectsSave(),
        new ObjectsList(),
        new ObjectsBackport(),
        new OsloCall(),
        new OsloCast(),
        new CeleryTask(),
        new CeleryTaskCast(),
        new CallWhoami(),
    ];

    /// <summary>Bench's own scenarios: those `--scenario` runs (the external ones need a target: `--target`).</summary>
    public static IReadOnlyList<ScenarioDefinition> Own { get; } = [.. All.Where(s => !s.NeedsTarget)];

    /// <summary>The one registered scenario of exactly this class (the suites name scenarios this way): exactly, as a
    /// scenario may derive from another (objects.save from objects.get), and OfType would return both.</summary>
    public static T Get<T>() where T : ScenarioDefinition => (T)All.Single(s => s.GetType() == typeof(T));

    public static ScenarioDefinition? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The scenario that drives an external target of this kind.</summary>
    public static ScenarioDefinition ForTarget(ExternalTarget target) => (target.Kind, target.Cast) switch
    {
        ("oslo", false) => Get<OsloCall>(),
        ("oslo", true) => Get<OsloCast>(),
        ("celery", false) => Get<CeleryTask>(),
        ("celery", true) => Get<CeleryTaskCast>(),
        _ => throw new HarnessConfigurationException($"--target must be oslo or celery, not '{target.Kind}'"),
    };
}

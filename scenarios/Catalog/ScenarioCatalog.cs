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
/// Every scenario Bench has, by id. Adding a scenario is one class and one line here; the suites, `--scenario`, the
/// settings key and the report all take what they need from the scenario object.
/// </summary>
internal static class ScenarioCatalog
{
    public static readonly ScenarioDefinition HarnessNull = new HarnessNull();
    public static readonly ScenarioDefinition RawCall = new RawCall();
    public static readonly ScenarioDefinition RawCast = new RawCast();
    public static readonly ScenarioDefinition CallAdd = new CallAdd();
    public static readonly ScenarioDefinition CallEcho = new CallEcho();
    public static readonly ScenarioDefinition CallNova = new CallNova();
    public static readonly ScenarioDefinition CallSleep = new CallSleep();
    public static readonly ScenarioDefinition CastCount = new CastCount();
    public static readonly ScenarioDefinition FanoutCount = new FanoutCount();
    public static readonly ScenarioDefinition CeleryAdd = new CeleryAdd();
    public static readonly ScenarioDefinition CeleryAddCast = new CeleryAddCast();
    public static readonly ScenarioDefinition ObjectsGet = new ObjectsGet();
    public static readonly ScenarioDefinition ObjectsSave = new ObjectsSave();
    public static readonly ScenarioDefinition ObjectsList = new ObjectsList();
    public static readonly ScenarioDefinition ObjectsBackport = new ObjectsBackport();
    public static readonly ScenarioDefinition OsloCall = new OsloCall();
    public static readonly ScenarioDefinition OsloCast = new OsloCast();
    public static readonly ScenarioDefinition CeleryTask = new CeleryTask();
    public static readonly ScenarioDefinition CeleryTaskCast = new CeleryTaskCast();

    /// <summary>Bench's own scenarios: those `--scenario` runs (the external ones need a target: `--target`).</summary>
    public static IReadOnlyList<ScenarioDefinition> Own { get; } =
        [HarnessNull, RawCall, RawCast, CallAdd, CallEcho, CallNova, CallSleep, CastCount, FanoutCount, CeleryAdd, CeleryAddCast, ObjectsGet, ObjectsSave, ObjectsList, ObjectsBackport];

    public static IReadOnlyList<ScenarioDefinition> All { get; } = [.. Own, OsloCall, OsloCast, CeleryTask, CeleryTaskCast];

    public static ScenarioDefinition? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>The scenario that drives an external target of this kind.</summary>
    public static ScenarioDefinition ForTarget(ExternalTarget target) => (target.Kind, target.Cast) switch
    {
        ("oslo", false) => OsloCall,
        ("oslo", true) => OsloCast,
        ("celery", false) => CeleryTask,
        ("celery", true) => CeleryTaskCast,
        _ => throw new HarnessConfigurationException($"--target must be oslo or celery, not '{target.Kind}'"),
    };
}

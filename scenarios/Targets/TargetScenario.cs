using Bench.Harness.Definitions;
using Bench.Harness.Targets;

namespace Bench.Scenarios.Targets;

/// <summary>
/// A service Bench did not start (`--target oslo|celery`): what each kind of target is identified by goes into the
/// settings key beside the kind, so history and compare keep targets apart.
/// </summary>
/// <param name="targetKind">The kind recorded as the settings key's "target": oslo or celery.</param>
internal abstract class TargetScenario(string id, string summary, ScenarioKind kind, string targetKind)
    : ScenarioDefinition(id, summary, kind)
{
    public override bool NeedsTarget => true;

    protected sealed override void DescribeTarget(ScenarioSpec spec, SortedDictionary<string, string> settings)
    {
        var target = spec.Target ?? throw new InvalidOperationException(Id + " needs a target");
        settings["target"] = targetKind;
        DescribeTarget(target, settings);
    }

    /// <summary>The target's identity as settings (topic, method, task, queue, arguments, …).</summary>
    protected abstract void DescribeTarget(ExternalTarget target, SortedDictionary<string, string> settings);
}

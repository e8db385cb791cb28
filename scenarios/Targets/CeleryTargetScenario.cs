using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Targets;

namespace Bench.Scenarios.Targets;

/// <summary>
/// A Celery worker Bench did not start (`--target celery`): Bench's Celery client sends the task (protocol v2, results
/// over rpc://) with templated arguments. The task, queue and arguments are part of the settings key.
/// </summary>
internal abstract class CeleryTargetScenario(string id, string summary, ScenarioKind kind) : ScenarioDefinition(id, summary, kind)
{
    protected override IEnumerable<SettingOption> Recorded => [OptionTable.Tls];

    public override bool NeedsTarget => true;

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new ExternalCeleryRun(session, spec);

    protected override void DescribeTarget(ScenarioSpec spec, SortedDictionary<string, string> settings)
    {
        var target = spec.Target ?? throw new InvalidOperationException(Id + " needs a target");
        settings["target"] = "celery";
        settings["task"] = target.Task ?? string.Empty;
        settings["queue"] = target.Queue ?? "celery";
        settings["args"] = ArgsKey.Of(target.Args ?? "[]");
        if (target.Kwargs is { } kwargs)
        {
            settings["kwargs"] = ArgsKey.Of(kwargs);
        }
    }
}

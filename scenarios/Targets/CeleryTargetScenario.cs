using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Targets;

namespace Bench.Scenarios.Targets;

/// <summary>
/// A Celery worker Bench did not start (`--target celery`): Bench's Celery client sends the task (protocol v2, results
/// over rpc://) with templated arguments. The task, queue and arguments are part of the settings key.
/// </summary>
internal abstract class CeleryTargetScenario(string id, string summary, ScenarioKind kind) : TargetScenario(id, summary, kind, "celery")
{
    protected override IEnumerable<SettingOption> Recorded => [OptionTable.Tls];

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new ExternalCeleryRun(session, spec);

    protected override void DescribeTarget(ExternalTarget target, SortedDictionary<string, string> settings)
    {
        settings["task"] = target.Task ?? string.Empty;
        settings["queue"] = target.Queue ?? "celery";
        settings["args"] = ArgsKey.Of(target.Args ?? "[]");
        if (target.Kwargs is { } kwargs)
        {
            settings["kwargs"] = ArgsKey.Of(kwargs);
        }
    }
}

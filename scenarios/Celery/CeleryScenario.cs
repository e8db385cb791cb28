using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;

namespace Bench.Scenarios.Celery;

/// <summary>
/// The seed's Celery benchmark: tasks.add(4, 4) over protocol v2 and rpc://, with the real Celery 5.2 worker or
/// Bench's C# worker, driven by Bench's client under the load engine or by the real Python client (see <see cref="CeleryRun"/>).
/// </summary>
internal abstract class CeleryScenario(string id, string summary, ScenarioKind kind) : ScenarioDefinition(id, summary, kind)
{
    protected override IEnumerable<SettingOption> Recorded =>
    [
        OptionTable.CeleryWorker, OptionTable.CeleryClient, OptionTable.PrefetchMultiplier, OptionTable.RateLimits,
        OptionTable.TaskRateLimit, OptionTable.Pool, OptionTable.AcksLate,
    ];

    protected override bool RecordsRequests => false;

    public override bool SupportsTls => false;

    public override bool LoadOutsideEngine(ScenarioSettings settings) => settings.CeleryClient == "python";

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new CeleryRun(session, spec);
}

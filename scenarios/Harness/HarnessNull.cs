using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Load;
using Bench.Reporting;

namespace Bench.Scenarios.Harness;

/// <summary>
/// harness.null: an in-process step that does nothing, driven like any scenario — the harness's own cost per request,
/// published beside what it measures. No broker, no workers; it runs at millions a second, so it stays off the
/// report's shared timeline axes.
/// </summary>
internal sealed class HarnessNull() : ScenarioDefinition(
    "harness.null", "an in-process step that does nothing: the harness's own cost", ScenarioKind.Step)
{
    public override bool InTimeline => false;

    protected override IEnumerable<SettingOption> Recorded => [];

    protected override bool RecordsRequests => false;

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new NullRun(session, spec);

    private sealed class NullRun(RunSession session, ScenarioSpec spec) : ScenarioRun(session, spec)
    {
        public override async Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
        {
            var result = await DriveAsync(static _ => new ValueTask<StepResult>(StepResult.Ok), CpuSources([]), onProgress, cancellation);
            return await RecordAsync(result, "step (in-process)");
        }
    }
}

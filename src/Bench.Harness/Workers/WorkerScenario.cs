using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Load;
using Bench.Reporting;

namespace Bench.Harness.Workers;

/// <summary>
/// The family of scenarios served by Bench's own workers (child `bench worker` processes, or in the client's process):
/// oslo calls and casts, the raw baseline and the object scenarios. Its run (<see cref="BenchWorkerRun"/>) starts the
/// workers and the clients; a scenario says what its workers host and what one request is.
/// </summary>
public abstract class WorkerScenario(string id, string summary, ScenarioKind kind) : ScenarioDefinition(id, summary, kind)
{
    public virtual WorkerRole Role => WorkerRole.Manager;

    /// <summary>The worker method a --worker-rate-limit applies to.</summary>
    public virtual string RateLimitedMethod => "echo";

    /// <summary>Casts under faults count every delivery by unique id across every worker process (see CastLedgerFile).</summary>
    public virtual bool KeepsCastLedger => false;

    /// <summary>Its requests are oslo calls to Bench's workers, which can carry hop stamps (with --hops on).</summary>
    public virtual bool StampsHops => false;

    protected override IEnumerable<SettingOption> Recorded =>
    [
        OptionTable.Prefetch, OptionTable.Persistent, OptionTable.Durable, OptionTable.QueueType, OptionTable.Workers,
        OptionTable.InProcess, OptionTable.Route, OptionTable.Ack, OptionTable.Channels, OptionTable.Tls, OptionTable.Nodes, OptionTable.Connect,
    ];

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new BenchWorkerRun(session, spec, this);

    /// <summary>One request, built once per run from the run's connected clients and target.</summary>
    public abstract Func<StepContext, ValueTask<StepResult>> BuildStep(IWorkerRunContext run);

    /// <summary>Before the measurement starts (after warm-up): e.g. reset what the workers measured.</summary>
    public virtual Task BeforeMeasurementAsync(IWorkerRunContext run, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>After the run: e.g. add what the workers measured to the record.</summary>
    public virtual Task<ScenarioRecord> CompleteAsync(IWorkerRunContext run, ScenarioRecord record) => Task.FromResult(record);

    /// <summary>Which of the connected clients a request uses: its virtual user's (closed model) or its sequence number's.</summary>
    public static int Pick(StepContext ctx, int count) => count == 1 ? 0 : (int)((ctx.VirtualUser >= 0 ? ctx.VirtualUser : ctx.Invocation) % count);
}

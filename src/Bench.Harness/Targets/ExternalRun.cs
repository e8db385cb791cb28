using System.Diagnostics;
using System.Globalization;
using Bench.Harness.Definitions;
using Bench.Harness.Runs;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;

namespace Bench.Harness.Targets;

/// <summary>
/// A run against a service Bench did not start. Before any load it checks the target is there (exchange, queue, a
/// consumer) and, for calls, that one request gets an answer within the timeout, so an unreachable target is one line
/// naming it, never a hang. Calls measure the round trip; casts measure the drain of the target's queue (its depth by
/// passive declare) from the first send until it is empty. No worker is started, so no worker CPU is read.
/// </summary>
public abstract class ExternalRun(RunSession session, ScenarioSpec spec) : ScenarioRun(session, spec)
{
    protected ExternalTarget Target { get; } = spec.Target ?? throw new InvalidOperationException(spec.Id + " needs a target");

    protected bool IsCast => Spec.Scenario.Kind == ScenarioKind.Cast;

    /// <summary>The queue the target consumes (where its backlog is measured).</summary>
    protected abstract string Queue { get; }

    /// <summary>The exchange requests go through (checked to exist), or null for the default exchange.</summary>
    protected abstract string? Exchange { get; }

    /// <summary>The target in words for messages: "oslo topic 'compute'".</summary>
    protected abstract string What { get; }

    /// <summary>Connects the clients and compiles the templates; returns the step.</summary>
    protected abstract Task<Func<StepContext, ValueTask<StepResult>>> ConnectAsync(CancellationToken cancellation);

    /// <summary>One call with the first templated arguments, to see an answer comes back before the load starts.</summary>
    protected abstract ValueTask<CallResult> ProbeAsync(TimeSpan timeout);

    public override async Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation)
    {
        var consumers = await TargetProbe.CheckAsync(BrokerUri, Exchange, Queue, What, cancellation);
        var step = await ConnectAsync(cancellation);
        if (!IsCast)
        {
            var probeTimeout = TimeSpan.FromSeconds(Math.Min(Settings.TimeoutSeconds, 10));
            var probe = await ProbeAsync(probeTimeout);
            if (probe.Outcome == CallOutcome.TimedOut)
            {
                throw new TargetUnreachableException(string.Create(CultureInfo.InvariantCulture,
                    $"{What}: no reply within {probeTimeout.TotalSeconds:0.###} s although queue '{Queue}' has {consumers} consumer(s): is the service answering?"));
            }
        }

        var view = await TargetProbe.ConsumersAsync(Session, Queue, consumers);
        var drainStart = 0L;
        var result = await DriveAsync(step, CpuSources([]), onProgress, cancellation,
            beforeMeasurement: IsCast ? async (_, ct) => { await WaitForEmptyQueueAsync(Queue, ct); drainStart = Stopwatch.GetTimestamp(); } : null);
        var record = Record(result, IsCast ? "publish (client side)" : "round-trip");
        record.Notes.Add(view);
        record.Notes.Add("external target: Bench started no worker, so no worker CPU is measured");
        if (!Session.PrivateBroker)
        {
            record.Notes.Add("external broker: its CPU is not measured");
        }

        if (!IsCast)
        {
            return record;
        }

        var remaining = await WaitForEmptyQueueAsync(Queue, cancellation, record.Notes);
        record.Notes.Add($"an empty queue is not a finished worker: up to its consumers' prefetch of messages may still be unprocessed when the drain ends");
        return WithDrain(record, result.Ok, remaining, drainStart == 0 ? Stopwatch.GetTimestamp() : drainStart, "the queue was empty");
    }
}

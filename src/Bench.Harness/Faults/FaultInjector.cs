using Bench.Broker;
using Bench.Harness.Workers;
using Bench.Reporting;

namespace Bench.Harness.Faults;

/// <summary>
/// Injects a scenario's faults at their times (from the start of measurement) and undoes them after their durations,
/// whatever happens to the scenario: an app stopped is started again, a node killed is restarted, an alarm is cleared,
/// a paused worker is continued. Afterwards it reads each fault's effect off the timeline.
/// </summary>
public sealed class FaultInjector(IReadOnlyList<FaultSpec> faults, ScenarioClock clock, PrivateBroker? broker, WorkerSupervisor? workers, Action<string> warn, double timeoutSeconds) : IDisposable
{
    private readonly List<Injected> _injected = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    /// <summary>The cluster and what it looked like as measurement began: where node-kill and node-stop aim. Set before <see cref="Start"/>.</summary>
    public (PrivateCluster Cluster, ClusterRecord AtStart)? Cluster { get; set; }

    /// <summary>Starts the schedule; call as measurement begins.</summary>
    public void Start()
    {
        clock.Start();
        _running = Task.WhenAll(faults.Select(RunAsync));
    }

    /// <summary>Ends the schedule (faults not yet due are skipped; one in progress is undone first) and analyses the timeline.</summary>
    public async Task<List<FaultRecord>> FinishAsync(IReadOnlyList<TimelineRecord> timeline, long blocked)
    {
        await _stop.CancelAsync();
        await _running;
        var records = new List<FaultRecord>();
        foreach (var spec in faults)
        {
            var done = _injected.FirstOrDefault(i => i.Spec == spec);
            if (done is null)
            {
                records.Add(new FaultRecord { Kind = spec.Kind, Spec = spec.Text, AtSeconds = spec.AtSeconds, Unjudged = "not injected: the scenario ended first" });
                continue;
            }

            // A cluster's clients fail over to the live nodes rather than wait for the one hit: recovery counts from the fault.
            var from = spec.OnClusterNode ? done.At : done.End;
            var (okBefore, recovery, failed, timedOut) = RecoveryAnalysis.Analyse(timeline, done.At, from, timeoutSeconds);
            var downtime = RecoveryAnalysis.Downtime(timeline, done.At);
            // Recovery is read off whole timeline seconds that start at or after the fault's end. A fault that ended on
            // schedule but too late for one (undoing it took seconds) cannot be judged, and must not fail the run; one
            // asked to outlast the run is judged: the service never came back while it ran.
            var runEnd = timeline.Count == 0 ? 0 : timeline.Max(p => p.Second + p.Seconds);
            var outlasted = spec.AtSeconds + spec.DurationSeconds >= runEnd;
            var unjudged = recovery is null && !outlasted && !timeline.Any(p => p.Second >= from && p.Seconds >= 0.999)
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"recovery not measurable: the run had no whole second after the fault ended at {from:0.0} s")
                : null;
            records.Add(new FaultRecord
            {
                Kind = spec.Kind,
                Spec = spec.Text,
                AtSeconds = Math.Round(done.At, 3),
                DurationSeconds = Math.Round(done.End - done.At, 3),
                RecoverySeconds = recovery,
                OkPerSecondBefore = Math.Round(okBefore, 1),
                FailedInWindow = failed,
                TimedOutInWindow = timedOut,
                DowntimeSeconds = downtime,
                Node = done.Node,
                Blocked = spec.Kind == FaultSpec.MemoryAlarm ? blocked : null,
                Unjudged = unjudged,
                Note = done.Note,
            });
        }

        return records;
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(FaultSpec spec)
    {
        try
        {
            // A timer may fire a millisecond early (seen: a fault @1s injected at 0.999 s, which left no whole second
            // before it to measure recovery against, so the run "never recovered"): wait until the clock says so.
            do
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.001, spec.AtSeconds - clock.Elapsed)), _stop.Token);
            }
            while (clock.Elapsed < spec.AtSeconds);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var at = clock.Elapsed;
        string? note = null;
        string? node = null;
        try
        {
            if (spec.OnClusterNode)
            {
                (note, node) = await InjectOnNodeAsync(spec);
            }
            else
            {
                note = await InjectAsync(spec);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or BrokerStartException)
        {
            note = "injection failed: " + e.Message.Split('\n')[0];
            warn($"fault {spec.Text}: {note}");
        }

        var end = clock.Elapsed;
        if (spec.Kind == FaultSpec.ConnectionClose)
        {
            // The connections close as the call finishes: milliseconds over the management API, seconds with
            // rabbitmqctl (a node without management), which must not count as time the service was down.
            at = end;
        }

        lock (_injected)
        {
            _injected.Add(new Injected(spec, at, end, note, node));
        }
    }

    private async Task<string?> InjectAsync(FaultSpec spec)
    {
        var node = broker;
        switch (spec.Kind)
        {
            case FaultSpec.BrokerRestart:
                await node!.CtlAsync(["stop_app"]);
                await HoldAsync(spec);
                await node.CtlAsync(["start_app"]);
                return null;
            case FaultSpec.BrokerKill:
                await node!.KillNodeAsync();
                await HoldAsync(spec);
                await node.RestartNodeAsync();
                return "the window ends when the restarted node accepted connections";
            case FaultSpec.ConnectionClose:
                return await node!.CloseAllConnectionsAsync("bench fault connection-close");
            case FaultSpec.MemoryAlarm:
                // An absolute watermark far below the VM's use raises the alarm: the broker blocks every publisher.
                await node!.CtlAsync(["set_vm_memory_high_watermark", "absolute", "1048576"]);
                await HoldAsync(spec);
                await node.CtlAsync(["set_vm_memory_high_watermark", "0.4"]);
                return null;
            case FaultSpec.WorkerKill:
            {
                var victim = workers!.Victim(expectDeath: true);
                await victim.Process.SignalAsync("KILL");
                return $"killed worker {victim.Server} (pid {victim.Process.ProcessId})";
            }

            case FaultSpec.WorkerPause:
            {
                var victim = workers!.Victim(expectDeath: false);
                await victim.Process.SignalAsync("STOP");
                try
                {
                    await HoldAsync(spec);
                }
                finally
                {
                    await victim.Process.SignalAsync("CONT");
                }

                return $"paused worker {victim.Server} (pid {victim.Process.ProcessId})";
            }

            default:
                throw new InvalidOperationException("unknown fault " + spec.Kind);
        }
    }

    // Holds a fault for its duration; the scenario ending cuts it short (the fault is still undone).
    private async Task HoldAsync(FaultSpec spec)
    {
        try
        {
            await Task.Delay(double.IsInfinity(spec.DurationSeconds) ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(spec.DurationSeconds), _stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // node-kill / node-stop on the node NodeFault chooses; the window ends when the node is back (accepting AMQP, or its app started).
    private async Task<(string? Note, string Node)> InjectOnNodeAsync(FaultSpec spec)
    {
        var (cluster, atStart) = Cluster ?? throw new InvalidOperationException($"{spec.Kind} acts on a cluster: run with --nodes 2 or more");
        var (node, description) = NodeFault.Choose(cluster, atStart, spec.Node!);
        if (spec.Kind == FaultSpec.NodeKill)
        {
            await node.KillNodeAsync();
            await HoldAsync(spec);
            await node.RestartNodeAsync();
            return (double.IsInfinity(spec.DurationSeconds) ? "restarted when the scenario ended" : "the window ends when the restarted node accepted connections", description);
        }

        await node.CtlAsync(["stop_app"]);
        await HoldAsync(spec);
        await node.CtlAsync(["start_app"]);
        return (null, description);
    }

    private sealed record Injected(FaultSpec Spec, double At, double End, string? Note, string? Node = null);
}

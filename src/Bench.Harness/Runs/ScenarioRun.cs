using System.Diagnostics;
using System.Globalization;
using Bench.Harness.Agents;
using Bench.Harness.Definitions;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;

namespace Bench.Harness.Runs;

/// <summary>
/// One run of one scenario spec, whatever drives it: what every kind of run shares — the CPU sources (its workers and
/// the private broker), the load model, warm-up and drain through the load engine, polling until a drain is done
/// (one clock, one stall rule), the record with the scenario's settings key, and everything it started, stopped in
/// reverse order. Subclasses do the setup (Bench workers, Celery peers, an external target) and the step.
/// </summary>
public abstract class ScenarioRun(RunSession session, ScenarioSpec spec) : IAsyncDisposable
{
    protected RunSession Session { get; } = session;

    protected ScenarioSpec Spec { get; } = spec;

    protected ScenarioSettings Settings => Spec.Settings;

    protected OwnedResources Owned { get; } = new(spec.Id, session.Warn);

    protected TimeSpan Timeout => TimeSpan.FromSeconds(Settings.TimeoutSeconds);

    /// <summary>The broker address this scenario's clients and workers use (amqps when its settings ask for TLS).</summary>
    protected Uri BrokerUri => Session.UriFor(Settings.Tls);

    /// <summary>The broker's view of the current drive (sampled from the warm-up to the drain), or null before one.</summary>
    private BrokerView? _brokerView;

    /// <summary>Which queues on the broker are this scenario's (the broker view samples those); all of them unless a run knows better.</summary>
    protected virtual Func<string, bool> BrokerQueues => _ => true;

    public abstract Task<ScenarioRecord> RunAsync(Action<ProgressSnapshot> onProgress, CancellationToken cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_brokerView is not null)
        {
            await _brokerView.DisposeAsync();
        }

        await Owned.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A count a Bench worker keeps of itself (thread-pool work items, compiled methods), asked of it over a control
    /// client: a <see cref="CpuSource"/> reader.
    /// </summary>
    protected static Func<CancellationToken, ValueTask<long?>> AskCount(RpcClient control, Target worker, string method) =>
        async ct => await control.CallAsync<long>(worker, method, RpcArgs.Empty, TimeSpan.FromSeconds(10), cancellationToken: ct);

    /// <summary>An oslo client with this run's client settings (reply transport, confirms, persistence, envelope, timeout).</summary>
    protected RpcClientOptions OsloClientOptions(string clientName) => new()
    {
        ReplyTransport = Settings.Transport,
        PublisherConfirms = Settings.Confirms,
        Persistent = Settings.Persistent,
        Envelope = Settings.Envelope,
        DurableExchange = Settings.Durable,
        DefaultTimeout = Timeout,
        ClientName = clientName,
        MessageTtl = Settings.MessageTtl,
    };

    /// <summary>The processes whose CPU the run reads: <paramref name="workers"/> and the private broker (an external one is not ours to read).</summary>
    protected List<CpuSource> CpuSources(IEnumerable<CpuSource> workers)
    {
        var sources = workers.ToList();
        var nodes = Session.PrivateNodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            // A node killed by a fault comes back under another pid: its CPU after the kill is not in this reading.
            if (nodes[i].ProcessId is > 0 and var pid)
            {
                sources.Add(new CpuSource(nodes.Count == 1 ? "broker" : "broker:node" + (i + 1).ToString(CultureInfo.InvariantCulture), pid));
            }
        }

        return sources;
    }

    /// <summary>The load model the settings ask for: a ramp, a constant open-model rate, or N outstanding.</summary>
    protected LoadSimulation Load()
    {
        var during = Settings.Requests is null ? TimeSpan.FromSeconds(Settings.DurationSeconds) : (TimeSpan?)null;
        LoadSimulation load = Settings switch
        {
            { Rate: { } from, RampTo: { } to } => LoadSimulation.Ramp(from, to, TimeSpan.FromSeconds(Settings.DurationSeconds), Settings.Arrivals),
            { Rate: { } rate } => LoadSimulation.Inject(rate, during, Settings.Requests, Settings.Arrivals),
            _ => LoadSimulation.KeepConstant(Settings.Outstanding, during, Settings.Requests),
        };
        return load.Slice(Session.Agent?.Segment ?? LoadSegment.Whole); // an agent runs its share of the whole load
    }

    /// <summary>Drives <paramref name="step"/> under the load model, with the warm-up and a drain bounded by the request timeout.</summary>
    protected Task<ScenarioResult> DriveAsync(Func<StepContext, ValueTask<StepResult>> step, IReadOnlyList<CpuSource> cpu, Action<ProgressSnapshot> onProgress,
        CancellationToken cancellation, Func<long, CancellationToken, Task>? beforeMeasurement = null, Func<long, CancellationToken, Task>? afterDrain = null)
    {
        var load = Load();
        var drain = Timeout + TimeSpan.FromSeconds(5);
        var scenario = Scenario.Create(Spec.Id, step)
            .WithWarmUp(TimeSpan.FromSeconds(Settings.WarmUpSeconds))
            .WithLoad(load)
            .WithDrainTimeout(drain);
        if (Session.Agent is { } agent)
        {
            // An agent's measured window begins at the coordinator's start, after its own warm-up and preparation.
            var prepare = beforeMeasurement;
            beforeMeasurement = async (warmUpIssued, ct) =>
            {
                if (prepare is not null)
                {
                    await prepare(warmUpIssued, ct);
                }

                await agent.BarrierAsync(AgentLink.ExpectedSeconds(load, drain), ct);
            };
        }

        // The broker's view runs beside the load, on its own thread, from the warm-up to the end of the drain.
        var prepared = beforeMeasurement;
        var view = _brokerView = BrokerView.Start(Session, Settings.BrokerView, BrokerQueues);
        beforeMeasurement = async (warmUpIssued, ct) =>
        {
            if (prepared is not null)
            {
                await prepared(warmUpIssued, ct);
            }

            view.MarkMeasureStart();
        };

        return ScenarioRunner.RunAsync(scenario, new RunOptions
        {
            OnProgress = onProgress,
            CpuSources = cpu,
            Cancellation = cancellation,
            BeforeMeasurement = beforeMeasurement,
            AfterDrain = afterDrain,
        });
    }

    /// <summary>The engine's result as a record under this scenario's settings key, with the broker's view of it.</summary>
    protected async Task<ScenarioRecord> RecordAsync(ScenarioResult result, string latencyKind)
    {
        var record = ScenarioRecords.From(result, Spec.Describe(), latencyKind) with { InTimeline = Spec.Scenario.InTimeline, Baseline = Spec.Scenario.Baseline };
        if (_brokerView is { } view)
        {
            _brokerView = null;
            record = await view.AttachAsync(record);
        }

        return Bench.Reporting.Broker.BrokerAnalysis.Apply(record);
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds, the run is cancelled, or <paramref name="progress"/> has not moved for
    /// <paramref name="stall"/> (a drain that stopped draining); returns the last reading either way.
    /// </summary>
    protected static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, long> progress, TimeSpan stall, TimeSpan interval, CancellationToken cancellation)
    {
        var moved = Stopwatch.GetTimestamp();
        long last = long.MinValue;
        while (true)
        {
            var reading = await read();
            if (done(reading) || cancellation.IsCancellationRequested || Stopwatch.GetElapsedTime(moved) > stall)
            {
                return reading;
            }

            if (progress(reading) != last)
            {
                last = progress(reading);
                moved = Stopwatch.GetTimestamp();
            }

            await Task.Delay(interval, CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits until <paramref name="queue"/> is empty (its ready count, read by passive declare), or it stops draining for
    /// 30 s; returns what is left. The depth each second goes to <paramref name="notes"/>, so the drain's shape is kept.
    /// </summary>
    protected async Task<long> WaitForEmptyQueueAsync(string queue, CancellationToken cancellation, List<string>? notes = null)
    {
        await using var connection = await AmqpConnector.OpenAsync(AmqpConnector.CreateFactory(BrokerUri, "bench-drain"), CancellationToken.None);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: CancellationToken.None);
        var samples = new List<long>();
        var start = Stopwatch.GetTimestamp();
        var depth = await PollAsync(async () =>
            {
                long messages = (await channel.QueueDeclarePassiveAsync(queue, CancellationToken.None)).MessageCount;
                if (Stopwatch.GetElapsedTime(start).TotalSeconds >= samples.Count)
                {
                    samples.Add(messages);
                }

                return messages;
            },
            messages => messages == 0, messages => messages, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20), cancellation);
        if (notes is not null && samples.Count > 1)
        {
            const int Shown = 60;
            notes.Add($"queue {queue}: depth each second (passive declare): {string.Join(", ", samples.Take(Shown).Select(d => d.ToString("N0", CultureInfo.InvariantCulture)))}{(samples.Count > Shown ? ", …" : string.Empty)}");
        }

        return depth;
    }

    /// <summary>A drained cast run's throughput: what was consumed from the first send until the drain ended.</summary>
    protected static ScenarioRecord WithDrain(ScenarioRecord record, long sent, long remaining, long startTicks, string endedBy)
    {
        var seconds = Stopwatch.GetElapsedTime(startTicks).TotalSeconds;
        record.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"throughput measured by draining: {sent - remaining:N0} messages consumed in {seconds:0.000} s from the first send until {endedBy}"));
        if (remaining > 0)
        {
            record.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{remaining:N0} messages were still queued when the drain gave up"));
        }

        return record with
        {
            Throughput = seconds > 0 ? (sent - remaining) / seconds : 0,
            Counts = record.Counts with { Delivered = sent - remaining },
        };
    }
}

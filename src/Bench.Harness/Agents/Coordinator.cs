using System.Globalization;
using System.Text;
using Bench.Broker;
using Bench.Reporting;
using Bench.Reporting.Agents;
using RabbitMQ.Client.Events;

namespace Bench.Harness.Agents;

/// <summary>
/// `bench coordinate`'s work (and `bench run --local`'s, the same code): waits for N ready agents, answers each with
/// its clock, sends "start at T", stays off the control broker during the measured window, then collects the results,
/// merges them and writes the merged run (<see cref="MergedRun"/>). An agent that never reports is recorded missing, never replayed.
/// </summary>
public sealed class Coordinator(AmqpUri control, int agents, string runName, Action<string> log)
{
    /// <summary>How long to wait for all agents to be ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after an agent's announced end (or, for a counted run, after the start) its results may take.</summary>
    public TimeSpan ResultsTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>From sending the start to T: long enough for every agent to receive it and arm its timer.</summary>
    public TimeSpan Lead { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<CoordinationResult> RunAsync(string outputDirectory, string command, CancellationToken cancellation)
    {
        var ready = new SortedDictionary<int, (ControlMessage Message, string ReplyTo)>();
        var session = Guid.NewGuid().ToString("N");
        double startAtMs;
        await using (var broker = await ControlBroker.OpenAsync(control, runName, "bench-coordinator", cancellation))
        {
            // Results of an earlier run of this name cannot be this run's: no agent has its start yet.
            await broker.PurgeAsync(broker.ResultsQueue, cancellation);
            var readyMessages = await broker.ConsumeAsync(broker.ReadyQueue, cancellation);
            log($"waiting for {agents} agent(s) on the control broker {control} (run name '{runName}', up to {ReadyTimeout.TotalSeconds:0} s)");
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            {
                timeout.CancelAfter(ReadyTimeout);
                try
                {
                    while (ready.Count < agents)
                    {
                        var delivery = await readyMessages.ReadAsync(timeout.Token);
                        if (ControlMessage.Parse(delivery.Body) is not { } message || delivery.BasicProperties.ReplyTo is not { Length: > 0 } replyTo)
                        {
                            continue;
                        }

                        if (message.Type == ControlMessage.Sync)
                        {
                            // Answered at once, so the agent's round trip (and its offset's error) is the network's, not ours.
                            await broker.PublishAsync(replyTo, new ControlMessage { Type = ControlMessage.Clock, AgentClockMs = message.AgentClockMs, CoordinatorClockMs = ControlMessage.NowMs() }.ToBytes(), cancellation);
                            continue;
                        }

                        if (message.Type != ControlMessage.Ready)
                        {
                            continue;
                        }

                        if (message.Count != agents || message.Index < 0 || message.Index >= agents)
                        {
                            log($"agent {message.Index} of {message.Count} on {message.Host} does not belong to a run of {agents} agents: told to abort");
                            await broker.PublishAsync(replyTo, Abort($"the coordinator runs {agents} agents, not {message.Count}"), cancellation);
                            continue;
                        }

                        ready[message.Index] = (message, replyTo); // a restarted agent replaces its earlier self
                        log($"agent {message.Index} ready on {message.Host} ({ready.Count} of {agents})");
                    }
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    var missing = Enumerable.Range(0, agents).Except(ready.Keys).ToList();
                    foreach (var (_, replyTo) in ready.Values)
                    {
                        await broker.PublishAsync(replyTo, Abort($"only {ready.Count} of {agents} agents were ready"), cancellation);
                    }

                    return CoordinationResult.TooFew(string.Create(CultureInfo.InvariantCulture,
                        $"timed out after {ReadyTimeout.TotalSeconds:0} s waiting for agents: {ready.Count} of {agents} ready, missing agent{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}"));
                }
            }

            startAtMs = ControlMessage.NowMs() + Lead.TotalMilliseconds;
            var start = new ControlMessage { Type = ControlMessage.Start, StartAtMs = startAtMs, Session = session }.ToBytes();
            foreach (var (_, replyTo) in ready.Values)
            {
                await broker.PublishAsync(replyTo, start, cancellation);
            }

            log($"start sent: T = {ControlMessage.ToTime(startAtMs):HH:mm:ss.fff} UTC");
        }

        // Off the control broker until every issue window has ended: nothing of ours flows while load is issued.
        // Results are due by the end of the drains, and may take the results timeout more.
        var issue = ready.Values.Select(r => r.Message.ExpectedSeconds).ToList();
        var issueEndMs = startAtMs + (issue.All(e => e is not null) ? (issue.Max()!.Value * 1000) + 500 : 0);
        var dueMs = issueEndMs + (ready.Values.Max(r => r.Message.DrainSeconds) * 1000);
        var wait = issueEndMs - ControlMessage.NowMs();
        if (wait > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellation);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: what the agents already sent is still collected and merged, the rest marked missing.
            }
        }

        var results = await CollectAsync(session, outputDirectory, cancellation.IsCancellationRequested ? ControlMessage.NowMs() : dueMs, cancellation);
        var runId = ControlMessage.ToTime(startAtMs).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-agents";
        var merged = results.Count > 0
            ? RunMerge.Merge(results, runId, command, agents)
            : null;
        if (merged is null)
        {
            return CoordinationResult.NoResults($"no agent reported results within {ResultsTimeout.TotalSeconds:0} s of their end: all {agents} missing");
        }

        if (cancellation.IsCancellationRequested)
        {
            merged = merged with { Incomplete = true, StopReason = "the coordinator was interrupted" + (merged.StopReason is { } why ? "; " + why : string.Empty) };
        }

        MergedRun.Write(merged, outputDirectory);
        return CoordinationResult.Done(merged, outputDirectory);
    }

    /// <summary>Each agent's results, written to DIR/agents/agent-I/results.json as received, until all came or the deadline.</summary>
    private async Task<List<(RunResult Result, string Source)>> CollectAsync(string session, string outputDirectory, double dueMs, CancellationToken cancellation)
    {
        var collected = new SortedDictionary<int, (RunResult Result, string Source)>();
        var interrupted = cancellation.IsCancellationRequested;
        using var timeout = interrupted ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // After an interrupt, a few seconds for what is already queued; else until the results are due, and the timeout more.
        timeout.CancelAfter(interrupted ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(Math.Max(0, dueMs - ControlMessage.NowMs())) + ResultsTimeout);
        await using var broker = await ControlBroker.OpenAsync(control, runName, "bench-coordinator", timeout.Token);
        var messages = await broker.ConsumeAsync(broker.ResultsQueue, timeout.Token);
        try
        {
            while (collected.Count < agents)
            {
                var delivery = await messages.ReadAsync(timeout.Token);
                if (Header(delivery, "session") != session || !int.TryParse(Header(delivery, "agent"), CultureInfo.InvariantCulture, out var index) || index < 0 || index >= agents)
                {
                    continue; // not this run's
                }

                var path = Path.Combine(outputDirectory, "agents", "agent-" + index.ToString(CultureInfo.InvariantCulture), ResultStore.ResultsFileName);
                ResultStore.WriteAtomic(path, delivery.Body.Span);
                try
                {
                    collected[index] = (ResultStore.Read(path), path);
                    log($"results from agent {index} ({collected.Count} of {agents})");
                }
                catch (ResultFormatException e)
                {
                    log($"agent {index} sent results that cannot be read, counted missing: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            log($"{(cancellation.IsCancellationRequested ? "interrupted" : "gave up")} waiting for results: {collected.Count} of {agents} came");
        }

        return [.. collected.Values];
    }

    private static string? Header(BasicDeliverEventArgs delivery, string name) =>
        delivery.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => Convert.ToString(value, CultureInfo.InvariantCulture) }
            : null;

    private static byte[] Abort(string reason) => new ControlMessage { Type = ControlMessage.Abort, Reason = reason }.ToBytes();
}

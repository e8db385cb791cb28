using System.Globalization;
using System.Text;
using Bench.Load;
using Bench.Reporting.Agents;

namespace Bench.Harness.Agents;

/// <summary>
/// One agent's side of a multi-agent run. After its warm-up it reports ready on the control broker, learns its clock
/// offset from the coordinator's reply, waits for "start at T", closes the control connection, and begins its slice
/// at T (on the coordinator's clock). At the end it publishes its results there.
/// </summary>
public sealed class AgentLink(AgentSettings settings)
{
    private AgentRecord _record = new() { Index = settings.Segment.Index, Count = settings.Segment.Count, Host = Environment.MachineName };
    private const int SyncRounds = 5;
    private string? _session;

    public LoadSegment Segment => settings.Segment;

    /// <summary>This agent as its results record it (offset and skew once the barrier has passed).</summary>
    public AgentRecord Record => _record;

    /// <summary>
    /// The start barrier. <paramref name="expectedSeconds"/> (duration plus drain bound, or null for a counted run)
    /// tells the coordinator when to come back for the results. Throws <see cref="AgentAbortedException"/> when the
    /// coordinator gives up on the run, and a timeout when no start comes within the barrier timeout.
    /// </summary>
    public async Task BarrierAsync((double? Issue, double Drain) expected, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(settings.BarrierTimeout);
        (double OffsetMs, double RttMs) clock = (0, double.PositiveInfinity);
        double startAtMs;
        try
        {
            await using var control = await ControlBroker.OpenAsync(settings.Control, settings.RunName, $"bench-agent-{Segment.Index}", timeout.Token);
            var (queue, replies) = await control.ConsumeOwnAsync(timeout.Token);

            // Several round trips, the fastest kept (NTP's filter): on a busy host one reply can wait 100 ms in a
            // run queue, and half of that would be the offset's error. The first may wait for a coordinator to start.
            for (var round = 0; round < SyncRounds; round++)
            {
                var sentMs = ControlMessage.NowMs();
                var sync = new ControlMessage { Type = ControlMessage.Sync, Index = Segment.Index, AgentClockMs = sentMs };
                await control.PublishAsync(control.ReadyQueue, sync.ToBytes(), timeout.Token, replyTo: queue, expiration: settings.BarrierTimeout);
                var reply = await NextAsync(replies, m => m.Type == ControlMessage.Clock && m.AgentClockMs == sentMs, timeout.Token);
                var receivedMs = ControlMessage.NowMs();
                if (receivedMs - sentMs < clock.RttMs)
                {
                    clock = (reply.CoordinatorClockMs - ((sentMs + receivedMs) / 2), receivedMs - sentMs); // the reply taken as sent mid-way
                }
            }

            var ready = new ControlMessage { Type = ControlMessage.Ready, Index = Segment.Index, Count = Segment.Count, Host = Environment.MachineName, ExpectedSeconds = expected.Issue, DrainSeconds = expected.Drain };
            // Expires with the barrier: a coordinator started later never takes this agent's stale ready for a live one.
            await control.PublishAsync(control.ReadyQueue, ready.ToBytes(), timeout.Token, replyTo: queue, expiration: settings.BarrierTimeout);
            var start = await NextAsync(replies, m => m.Type == ControlMessage.Start, timeout.Token);
            startAtMs = start.StartAtMs;
            _session = start.Session;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"agent {Segment.Index}: no start from a coordinator within {settings.BarrierTimeout.TotalSeconds:0} s on the control broker {settings.Control} (run name '{settings.RunName}'): is `bench coordinate --agents {Segment.Count}` running?"));
        }

        // The control connection is closed: the measured window starts at T on the coordinator's clock.
        var waitMs = startAtMs - clock.OffsetMs - ControlMessage.NowMs();
        await PreciseDelay.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, waitMs)), cancellation);
        var skewMs = ControlMessage.NowMs() + clock.OffsetMs - startAtMs;
        _record = _record with { StartAt = ControlMessage.ToTime(startAtMs), ClockOffsetMs = clock.OffsetMs, ClockRttMs = clock.RttMs, StartSkewMs = skewMs };
    }

    /// <summary>The next message that <paramref name="wanted"/> accepts; an abort from the coordinator ends the run.</summary>
    private static async Task<ControlMessage> NextAsync(System.Threading.Channels.ChannelReader<RabbitMQ.Client.Events.BasicDeliverEventArgs> replies, Func<ControlMessage, bool> wanted, CancellationToken cancellation)
    {
        while (true)
        {
            var message = ControlMessage.Parse((await replies.ReadAsync(cancellation)).Body);
            if (message?.Type == ControlMessage.Abort)
            {
                throw new AgentAbortedException("the coordinator aborted the run: " + message.Reason);
            }

            if (message is not null && wanted(message))
            {
                return message;
            }
        }
    }

    /// <summary>Publishes the results (the bytes of its results.json) for the coordinator, after the measured window.</summary>
    public async Task PublishAsync(string resultsPath, CancellationToken cancellation)
    {
        await using var control = await ControlBroker.OpenAsync(settings.Control, settings.RunName, $"bench-agent-{Segment.Index}", cancellation);
        var headers = new Dictionary<string, object?> { ["agent"] = Segment.Index, ["session"] = Encoding.UTF8.GetBytes(_session ?? string.Empty) };
        await control.PublishAsync(control.ResultsQueue, await File.ReadAllBytesAsync(resultsPath, cancellation), cancellation, headers: headers);
    }

    /// <summary>From the start, the issue window's length (null for a counted run) and the drain's bound after it.</summary>
    public static (double? Issue, double Drain) ExpectedSeconds(LoadSimulation load, TimeSpan drainTimeout) =>
        (load.During?.TotalSeconds, drainTimeout.TotalSeconds);

    public static string Describe(AgentRecord agent) => string.Create(CultureInfo.InvariantCulture,
        $"agent {agent.Index} of {agent.Count}: started {agent.StartSkewMs:0.00} ms after T, clock offset {agent.ClockOffsetMs:0.00} ms ± {agent.ClockRttMs / 2:0.00} ms");
}

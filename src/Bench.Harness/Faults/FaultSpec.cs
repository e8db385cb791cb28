using System.Globalization;
using Bench.Harness;

namespace Bench.Harness.Faults;

/// <summary>
/// One `--fault KIND[:NODE]@T[+D]`: what to break, when (seconds from the start of measurement) and for how long.
/// broker-restart (stop_app/start_app), broker-kill (SIGKILL the node, start it again on its data directory),
/// connection-close (close every client connection from the broker), memory-alarm (a high watermark that blocks
/// publishers), worker-kill (SIGKILL one worker), worker-pause (SIGSTOP, then SIGCONT); on a cluster, node-kill
/// (SIGKILL one node, restarted after D if given, else when the scenario ends) and node-stop (stop_app for D, then
/// start_app), NODE being the node leading the scenario's queue (leader, the default) or another one (follower).
/// </summary>
public sealed record FaultSpec(string Kind, double AtSeconds, double DurationSeconds, string Text)
{
    public const string NodeKill = "node-kill";
    public const string NodeStop = "node-stop";
    public const string Leader = "leader";
    public const string Follower = "follower";

    /// <summary>node-kill/node-stop: leader or follower (of the scenario's queue); null for other kinds.</summary>
    public string? Node { get; init; }

    /// <summary>Faults that act on one node of a cluster.</summary>
    public bool OnClusterNode => Kind is NodeKill or NodeStop;

    public const string BrokerRestart = "broker-restart";
    public const string BrokerKill = "broker-kill";
    public const string ConnectionClose = "connection-close";
    public const string MemoryAlarm = "memory-alarm";
    public const string WorkerKill = "worker-kill";
    public const string WorkerPause = "worker-pause";

    public static IReadOnlyList<string> Kinds { get; } = [BrokerRestart, BrokerKill, ConnectionClose, MemoryAlarm, WorkerKill, WorkerPause, NodeKill, NodeStop];

    /// <summary>Faults that need control of the broker: refused on an external one.</summary>
    public bool NeedsBroker => Kind is BrokerRestart or BrokerKill or ConnectionClose or MemoryAlarm or NodeKill or NodeStop;

    /// <summary>Parses KIND@T[+D] (T and D in seconds, "15", "15s" or "500ms"); a bad one is a usage error (exit 2).</summary>
    public static FaultSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var kind = at < 0 ? text : text[..at];
        string? node = null;
        if (kind.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && kind[..colon] is NodeKill or NodeStop)
        {
            node = kind[(colon + 1)..] is Leader or Follower ? kind[(colon + 1)..]
                : throw new HarnessConfigurationException($"--fault {kind[..colon]}:NODE: NODE is leader or follower, not '{kind[(colon + 1)..]}'");
            kind = kind[..colon];
        }

        if (!Kinds.Contains(kind))
        {
            throw new HarnessConfigurationException($"--fault must be KIND@T[+D] with KIND one of {string.Join(", ", Kinds)}, not '{text}'");
        }

        if (at < 0)
        {
            throw new HarnessConfigurationException($"--fault {kind} needs a time: {kind}@T[+D], e.g. {kind}@15s+5s");
        }

        var when = text[(at + 1)..];
        var plus = when.IndexOf('+', StringComparison.Ordinal);
        var start = Seconds(plus < 0 ? when : when[..plus], text);
        var duration = plus < 0 ? DefaultDuration(kind) : Seconds(when[(plus + 1)..], text);
        if (kind is ConnectionClose or WorkerKill && plus >= 0)
        {
            throw new HarnessConfigurationException($"--fault {kind} is instantaneous: give {kind}@T without +D");
        }

        if (kind == NodeStop && plus < 0)
        {
            throw new HarnessConfigurationException($"--fault {NodeStop} needs how long the node stays stopped: {NodeStop}[:leader|follower]@T+D");
        }

        return new FaultSpec(kind, start, duration, text) { Node = kind is NodeKill or NodeStop ? node ?? Leader : null };
    }

    private static double DefaultDuration(string kind) => kind switch
    {
        BrokerRestart or BrokerKill or MemoryAlarm => 5,
        NodeKill => double.PositiveInfinity, // not restarted until the scenario ends
        WorkerPause => 3,
        _ => 0,
    };

    private static double Seconds(string text, string whole)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0) : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 86_400
            ? value * scale
            : throw new HarnessConfigurationException($"--fault times are seconds (15, 15s or 500ms), not '{text}' in '{whole}'");
    }
}

using System.Globalization;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios.Faults;

/// <summary>
/// One `--fault KIND@T[+D]`: what to break, when (seconds from the start of measurement) and for how long.
/// broker-restart (stop_app/start_app), broker-kill (SIGKILL the node, start it again on its data directory),
/// connection-close (close every client connection from the broker), memory-alarm (a high watermark that blocks
/// publishers), worker-kill (SIGKILL one worker), worker-pause (SIGSTOP, then SIGCONT).
/// </summary>
internal sealed record FaultSpec(string Kind, double AtSeconds, double DurationSeconds, string Text)
{
    public const string BrokerRestart = "broker-restart";
    public const string BrokerKill = "broker-kill";
    public const string ConnectionClose = "connection-close";
    public const string MemoryAlarm = "memory-alarm";
    public const string WorkerKill = "worker-kill";
    public const string WorkerPause = "worker-pause";

    public static IReadOnlyList<string> Kinds { get; } = [BrokerRestart, BrokerKill, ConnectionClose, MemoryAlarm, WorkerKill, WorkerPause];

    /// <summary>Faults that need control of the broker: refused on an external one.</summary>
    public bool NeedsBroker => Kind is BrokerRestart or BrokerKill or ConnectionClose or MemoryAlarm;

    /// <summary>Parses KIND@T[+D] (T and D in seconds, "15", "15s" or "500ms"); a bad one is a usage error (exit 2).</summary>
    public static FaultSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var kind = at < 0 ? text : text[..at];
        if (!Kinds.Contains(kind))
        {
            throw new UsageException($"--fault must be KIND@T[+D] with KIND one of {string.Join(", ", Kinds)}, not '{text}'");
        }

        if (at < 0)
        {
            throw new UsageException($"--fault {kind} needs a time: {kind}@T[+D], e.g. {kind}@15s+5s");
        }

        var when = text[(at + 1)..];
        var plus = when.IndexOf('+', StringComparison.Ordinal);
        var start = Seconds(plus < 0 ? when : when[..plus], text);
        var duration = plus < 0 ? DefaultDuration(kind) : Seconds(when[(plus + 1)..], text);
        if (kind is ConnectionClose or WorkerKill && plus >= 0)
        {
            throw new UsageException($"--fault {kind} is instantaneous: give {kind}@T without +D");
        }

        return new FaultSpec(kind, start, duration, text);
    }

    private static double DefaultDuration(string kind) => kind switch
    {
        BrokerRestart or BrokerKill or MemoryAlarm => 5,
        WorkerPause => 3,
        _ => 0,
    };

    private static double Seconds(string text, string whole)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0) : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 86_400
            ? value * scale
            : throw new UsageException($"--fault times are seconds (15, 15s or 500ms), not '{text}' in '{whole}'");
    }
}

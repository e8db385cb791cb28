using System.Text.Json;

namespace Bench.Harness.Agents;

/// <summary>
/// What agents and the coordinator say on the control broker, as JSON: an agent's "sync" (its clock; a few, answered
/// at once by the coordinator's "clock", so the agent can estimate its offset from the fastest round trip), its
/// "ready", then the coordinator's "start" (at T, the coordinator's clock) or "abort".
/// Results travel as the agent's results.json itself. Clocks are Unix milliseconds.
/// </summary>
public sealed record ControlMessage
{
    public const string Sync = "sync";
    public const string Ready = "ready";
    public const string Clock = "clock";
    public const string Start = "start";
    public const string Abort = "abort";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public required string Type { get; init; }

    public int Index { get; init; }

    public int Count { get; init; }

    public string? Host { get; init; }

    /// <summary>sync: the agent's clock when sent; clock: echoed back.</summary>
    public double AgentClockMs { get; init; }

    /// <summary>clock: the coordinator's clock when it answered.</summary>
    public double CoordinatorClockMs { get; init; }

    /// <summary>start: when to begin, on the coordinator's clock.</summary>
    public double StartAtMs { get; init; }

    /// <summary>ready: seconds from the start to the end of the agent's issue window; null for a counted run.</summary>
    public double? ExpectedSeconds { get; init; }

    /// <summary>ready: how long after that its drain may last (requests still in flight wait out their timeout).</summary>
    public double DrainSeconds { get; init; }

    /// <summary>start: this coordination's id, sent back with the results so stale ones from an earlier run are told apart.</summary>
    public string? Session { get; init; }

    public string? Reason { get; init; }

    public static double NowMs() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    public static DateTimeOffset ToTime(double unixMs) => DateTimeOffset.UnixEpoch.AddMilliseconds(unixMs);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, s_json);

    public static ControlMessage? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<ControlMessage>(body.Span, s_json);
        }
        catch (JsonException)
        {
            return null; // not ours: ignored, never fatal to a run
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Serialization;

/// <summary>
/// The same inner message through System.Text.Json, source-generated against reflection-based: what a conventional
/// typed implementation would cost, beside Bench's hand-written writer and reader in <see cref="EnvelopeBenchmarks"/>.
/// </summary>
[BenchmarkCategory("Serialization")]
public class SystemTextJsonBenchmarks
{
    private static readonly JsonSerializerOptions s_reflection = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
    private readonly OsloMessage _message = new()
    {
        Method = "add",
        Args = new AddArgs(4, 4),
        MsgId = "0123456789abcdef0123456789abcdef",
        ReplyQ = "reply_0123456789abcdef0123456789abcdef",
        UniqueId = "fedcba9876543210fedcba9876543210",
        UserId = "u1",
        ProjectId = "p1",
        RequestId = "req-1",
    };

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup() => _json = JsonSerializer.SerializeToUtf8Bytes(_message, OsloJsonContext.Default.OsloMessage);

    [Benchmark(Description = "serialize, source-generated")]
    public byte[] SerializeSourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_message, OsloJsonContext.Default.OsloMessage);

    [Benchmark(Description = "serialize, reflection")]
    public byte[] SerializeReflection() => JsonSerializer.SerializeToUtf8Bytes(_message, s_reflection);

    [Benchmark(Description = "deserialize, source-generated")]
    public OsloMessage? DeserializeSourceGenerated() => JsonSerializer.Deserialize(_json, OsloJsonContext.Default.OsloMessage);

    [Benchmark(Description = "deserialize, reflection")]
    public OsloMessage? DeserializeReflection() => JsonSerializer.Deserialize<OsloMessage>(_json, s_reflection);
}

public sealed record AddArgs([property: JsonPropertyName("x")] long X, [property: JsonPropertyName("y")] long Y);

public sealed record OsloMessage
{
    [JsonPropertyName("method")]
    public string Method { get; init; } = string.Empty;

    [JsonPropertyName("args")]
    public AddArgs? Args { get; init; }

    [JsonPropertyName("_msg_id")]
    public string? MsgId { get; init; }

    [JsonPropertyName("_reply_q")]
    public string? ReplyQ { get; init; }

    [JsonPropertyName("_timeout")]
    public int? Timeout { get; init; }

    [JsonPropertyName("_unique_id")]
    public string UniqueId { get; init; } = string.Empty;

    [JsonPropertyName("_context_user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("_context_project_id")]
    public string? ProjectId { get; init; }

    [JsonPropertyName("_context_request_id")]
    public string? RequestId { get; init; }
}

[JsonSerializable(typeof(OsloMessage))]
internal sealed partial class OsloJsonContext : JsonSerializerContext;

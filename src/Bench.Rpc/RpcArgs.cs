using System.Text.Json;

namespace Bench.Rpc;

/// <summary>
/// A call's keyword arguments as a UTF-8 JSON object. Encode once and reuse it (the load path does), or build it
/// from any object for convenience.
/// </summary>
public readonly record struct RpcArgs(ReadOnlyMemory<byte> Json)
{
    public static RpcArgs Empty { get; } = new("{}"u8.ToArray());

    /// <summary>Serializes an object (anonymous types work: new { x = 1, y = 2 }) once.</summary>
    public static RpcArgs From<T>(T value, JsonSerializerOptions? options = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options ?? JsonSerializerOptions.Default));

    /// <summary>Takes JSON text that must be an object, e.g. "{\"a\": 4, \"b\": 4}".</summary>
    public static RpcArgs FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("args must be a JSON object (oslo passes keyword arguments only)", nameof(json));
        }

        return new(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Positional arguments (Celery's args), JSON text that must be an array, e.g. "[4, 4]".</summary>
    public static RpcArgs FromJsonArray(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("positional args must be a JSON array", nameof(json));
        }

        return new(System.Text.Encoding.UTF8.GetBytes(json));
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Json.Span);
}

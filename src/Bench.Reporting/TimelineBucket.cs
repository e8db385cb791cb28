using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting;

/// <summary>
/// One non-zero bucket of a second's histogram: a value, not an object. A long run keeps a few thousand per second
/// (about 170,000 over 1,000,000 calls); as long[] pairs each cost 48 bytes of heap, as this 16, which kept the million
/// suite's memory from growing with its length. Stored in JSON as [index, count], as before.
/// </summary>
[JsonConverter(typeof(TimelineBucketJsonConverter))]
public readonly record struct TimelineBucket(int Index, long Count);

/// <summary>Reads and writes a <see cref="TimelineBucket"/> as the two-number array results.json has always held.</summary>
public sealed class TimelineBucketJsonConverter : JsonConverter<TimelineBucket>
{
    public override TimelineBucket Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.TryGetInt32(out var index) || !reader.Read() || !reader.TryGetInt64(out var count)
            || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a timeline bucket is [index, count]");
        }

        return new TimelineBucket(index, count);
    }

    public override void Write(Utf8JsonWriter writer, TimelineBucket value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Index);
        writer.WriteNumberValue(value.Count);
        writer.WriteEndArray();
    }
}

using System.Buffers;
using System.Text.Json;

namespace Bench.Rpc.Wire;

/// <summary>
/// Lays out any JSON text as Python's json.dumps(json.loads(text)) does: ", " and ": " separators, strings escaped
/// with ensure_ascii, integers as they are, floats as float.__repr__ (<see cref="PythonJson.Double"/>). An oslo or
/// Celery service replies with json.dumps of its result, so a result Bench holds as JSON (System.Text.Json's compact
/// output, or a RawJson passed through) goes out in the bytes the real service would send. Already in Python's form it
/// comes out unchanged. Allocation-free: a string that needs unescaping is decoded on the stack (or a pooled buffer).
/// One difference stays: a key repeated inside an object is written twice, where json.loads would keep its last value.
/// </summary>
internal static class PythonJsonText
{
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return; // default(RawJson): nothing, as before
        }

        var reader = new Utf8JsonReader(json);
        var comma = false;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                PythonJson.Byte(output, token == JsonTokenType.EndObject ? (byte)'}' : (byte)']');
                comma = true;
                continue;
            }

            if (comma)
            {
                PythonJson.Separator(output);
            }

            // After an opening bracket or a key the next token follows without a separator; after a value, with one.
            comma = token is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.PropertyName);
            switch (token)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    PythonJson.Byte(output, token == JsonTokenType.StartObject ? (byte)'{' : (byte)'[');
                    break;
                case JsonTokenType.PropertyName:
                    String(output, ref reader);
                    PythonJson.Byte(output, (byte)':');
                    PythonJson.Byte(output, (byte)' ');
                    break;
                case JsonTokenType.String:
                    String(output, ref reader);
                    break;
                case JsonTokenType.Number:
                    Number(output, reader.ValueSpan);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    PythonJson.Boolean(output, token == JsonTokenType.True);
                    break;
                default:
                    PythonJson.Raw(output, PythonJson.Null);
                    break;
            }
        }
    }

    private static void String(IBufferWriter<byte> output, ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            PythonJson.String(output, reader.ValueSpan);
            return;
        }

        // Unescaped text is never longer than its escaped form.
        byte[]? rented = null;
        var buffer = reader.ValueSpan.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length));
        var length = reader.CopyString(buffer);
        PythonJson.String(output, buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // json.loads reads a number with a fraction or an exponent as a float (1.50 and 1E2 come back as 1.5 and 100.0),
    // anything else as an int, which it writes back digit for digit (-0 as 0).
    private static void Number(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
        {
            PythonJson.Double(output, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            PythonJson.Raw(output, text.SequenceEqual("-0"u8) ? "0"u8 : text);
        }
    }
}

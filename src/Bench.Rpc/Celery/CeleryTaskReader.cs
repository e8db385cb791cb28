using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Celery;

/// <summary>
/// Reads a task message in place: protocol v2 (task and id in headers, body [args, kwargs, embed]) or v1 (no task
/// header, everything in a body object). One forward pass of a <see cref="Utf8JsonReader"/> over the body finds args
/// and kwargs as slices of it and checks that the rest is JSON, so a malformed body is refused exactly as a full parse
/// would refuse it, with no document, copy or re-encoding per task.
/// </summary>
internal static class CeleryTaskReader
{
    public static bool TryRead(IDictionary<string, object?>? headers, string? correlationId, ReadOnlySpan<byte> body, out CeleryTask task, out string? error)
    {
        task = default;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read())
            {
                error = "body is not JSON: it is empty";
                return false;
            }

            return HeaderBytes(headers, "task") is { IsEmpty: false } v2Task
                ? TryReadV2(ref reader, body, v2Task, HeaderBytes(headers, "id") is { IsEmpty: false } id ? id : Utf8(correlationId), out task, out error)
                : TryReadV1(ref reader, body, out task, out error);
        }
        catch (JsonException e)
        {
            task = default;
            error = "body is not JSON: " + e.Message;
            return false;
        }
    }

    private static bool TryReadV2(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, ReadOnlySpan<byte> id, out CeleryTask task, out string? error)
    {
        task = default;
        error = null;
        ReadOnlySpan<byte> args = default, kwargs = default;
        var count = 0;
        var isArray = reader.TokenType == JsonTokenType.StartArray;
        if (isArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var value = Value(ref reader, body);
                if (count == 0)
                {
                    args = value;
                }
                else if (count == 1)
                {
                    kwargs = value;
                }

                count++;
            }
        }
        else
        {
            reader.Skip();
        }

        EnsureEnd(ref reader);
        if (!isArray || count < 2)
        {
            error = "protocol v2 body is not [args, kwargs, embed]";
            return false;
        }

        task = new CeleryTask { Name = name, Id = id, Args = args, Kwargs = kwargs };
        return true;
    }

    private static bool TryReadV1(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> body, out CeleryTask task, out string? error)
    {
        task = default;
        error = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            error = "no task name: neither a protocol v2 'task' header nor a v1 body";
            return false;
        }

        ReadOnlySpan<byte> name = default, id = default, args = "[]"u8, kwargs = "{}"u8;
        var hasName = false;
        while (JsonMembers.Next(ref reader))
        {
            if (JsonMembers.Named(ref reader, "task"u8))
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    name = Text(ref reader, body);
                    hasName = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (JsonMembers.Named(ref reader, "id"u8))
            {
                id = reader.TokenType == JsonTokenType.String ? Text(ref reader, body) : default;
                reader.Skip();
            }
            else if (JsonMembers.Named(ref reader, "args"u8))
            {
                args = Value(ref reader, body);
            }
            else if (JsonMembers.Named(ref reader, "kwargs"u8))
            {
                kwargs = Value(ref reader, body);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        EnsureEnd(ref reader);
        if (!hasName)
        {
            error = "no task name: neither a protocol v2 'task' header nor a v1 body";
            return false;
        }

        task = new CeleryTask { Name = name, Id = id, Args = args, Kwargs = kwargs };
        return true;
    }

    /// <summary>The current value's raw JSON, as a slice of the body; leaves the reader on its last token.</summary>
    private static ReadOnlySpan<byte> Value(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return body[start..(int)reader.BytesConsumed];
    }

    // v1 is legacy: an escaped name or id is decoded into a copy; a plain one (the usual case) is a slice.
    // The slice is taken of the body, not of the reader, which the compiler could not prove outlives it.
    private static ReadOnlySpan<byte> Text(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> body) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : body.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);

    /// <summary>Reads whatever follows the top-level value: anything but the end is not JSON (the reader throws).</summary>
    private static void EnsureEnd(scoped ref Utf8JsonReader reader)
    {
        while (reader.CurrentDepth > 0 && reader.Read())
        {
        }

        if (reader.Read())
        {
            throw new JsonException("more than one top-level value");
        }
    }

    /// <summary>A header value as RabbitMQ.Client delivers it (strings as byte[]), or as a publisher in-process set it (string).</summary>
    private static ReadOnlySpan<byte> HeaderBytes(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value switch
        {
            byte[] bytes => bytes,
            string text => Encoding.UTF8.GetBytes(text),
            _ => default,
        } : default;

    private static ReadOnlySpan<byte> Utf8(string? text) => text is null ? default : Encoding.UTF8.GetBytes(text);
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Celery;

/// <summary>
/// Celery 5.2 task protocol v2 and rpc:// results (wire-formats.md §1): the 16 task headers, the
/// [args, kwargs, embed] body, and the result message { task_id, status, result, traceback, children }.
/// </summary>
internal static class CeleryWire
{
    public const string ContentType = "application/json";
    public const string ContentEncoding = "utf-8";

    private static ReadOnlySpan<byte> Embed => "{\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}"u8;

    /// <summary>The headers a Celery client always sends (all 16 keys), with strings as strings (they go out as AMQP longstr).</summary>
    public static Dictionary<string, object?> Headers(string task, string id, string argsRepr, bool ignoreResult, string origin) => new()
    {
        ["lang"] = "py",
        ["task"] = task,
        ["id"] = id,
        ["shadow"] = null,
        ["eta"] = null,
        ["expires"] = null,
        ["group"] = null,
        ["group_index"] = null,
        ["retries"] = 0,
        ["timelimit"] = new List<object?> { null, null },
        ["root_id"] = id,
        ["parent_id"] = null,
        ["argsrepr"] = argsRepr,
        ["kwargsrepr"] = "{}",
        ["origin"] = origin,
        ["ignore_result"] = ignoreResult,
    };

    /// <summary>Body: [args, kwargs, embed], in Python's json.dumps form.</summary>
    public static void WriteBody(IBufferWriter<byte> output, ReadOnlySpan<byte> argsArray, ReadOnlySpan<byte> kwargsObject)
    {
        PythonJson.Byte(output, (byte)'[');
        PythonJson.Raw(output, argsArray.IsEmpty ? "[]"u8 : argsArray);
        PythonJson.Separator(output);
        PythonJson.Raw(output, kwargsObject.IsEmpty ? "{}"u8 : kwargsObject);
        PythonJson.Separator(output);
        PythonJson.Raw(output, Embed);
        PythonJson.Byte(output, (byte)']');
    }

    /// <summary>A result message: SUCCESS with the result's JSON, or FAILURE with exc_type / exc_message (a list) / exc_module.</summary>
    public static void WriteResult(IBufferWriter<byte> output, ReadOnlySpan<byte> taskId, bool success, ReadOnlySpan<byte> resultJson, RemoteError? error)
    {
        PythonJson.Byte(output, (byte)'{');
        PythonJson.Key(output, "task_id"u8);
        PythonJson.String(output, taskId);
        PythonJson.StringMember(output, "status"u8, success ? "SUCCESS" : "FAILURE");
        PythonJson.NextKey(output, "result"u8);
        if (success)
        {
            PythonJson.Raw(output, resultJson.IsEmpty ? PythonJson.Null : resultJson);
        }
        else
        {
            PythonJson.Byte(output, (byte)'{');
            PythonJson.Key(output, "exc_type"u8);
            PythonJson.String(output, error!.ExceptionClass);
            PythonJson.NextKey(output, "exc_message"u8);
            PythonJson.Byte(output, (byte)'[');
            PythonJson.String(output, error.RemoteMessage);
            PythonJson.Byte(output, (byte)']');
            PythonJson.StringMember(output, "exc_module"u8, error.Module);
            PythonJson.Byte(output, (byte)'}');
        }

        PythonJson.NextKey(output, "traceback"u8);
        // Celery sends null where no traceback exists (NotRegistered is refused before anything runs), not "".
        PythonJson.String(output, success || error!.Traceback.Count == 0 ? null : string.Concat(error.Traceback));
        PythonJson.NextKey(output, "children"u8);
        PythonJson.Raw(output, "[]"u8);
        PythonJson.Byte(output, (byte)'}');
    }

    /// <summary>Reads a result message. Final states are SUCCESS, FAILURE and REVOKED; RETRY and STARTED are not.</summary>
    public static bool TryReadResult(ReadOnlySpan<byte> body, out string? taskId, out string status, out ReadOnlySpan<byte> result, out string? traceback)
    {
        taskId = traceback = null;
        status = string.Empty;
        result = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!JsonMembers.Open(ref reader))
            {
                return false;
            }

            while (JsonMembers.Next(ref reader))
            {
                if (JsonMembers.Named(ref reader, "task_id"u8))
                {
                    taskId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (JsonMembers.Named(ref reader, "status"u8))
                {
                    status = reader.GetString() ?? string.Empty;
                }
                else if (JsonMembers.Named(ref reader, "result"u8))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    result = body[start..(int)reader.BytesConsumed];
                }
                else if (JsonMembers.Named(ref reader, "traceback"u8))
                {
                    traceback = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else
                {
                    reader.Skip();
                }
            }

            return status.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The remote error a FAILURE or REVOKED result describes.</summary>
    public static RemoteError ReadError(ReadOnlySpan<byte> result, string? traceback)
    {
        try
        {
            using var document = JsonDocument.Parse(result.ToArray());
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText() : string.Empty;
            var message = root.TryGetProperty("exc_message", out var m) && m.ValueKind == JsonValueKind.Array
                ? string.Join(", ", m.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
                : Text("exc_message");
            return new RemoteError(Text("exc_type"), Text("exc_module"), message, traceback is null ? [] : [traceback]);
        }
        catch (JsonException)
        {
            return new RemoteError("MalformedResult", "bench.celery", Encoding.UTF8.GetString(result));
        }
    }

    public static bool HeaderBool(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) && value is true;
}

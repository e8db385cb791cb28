using System.Buffers;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc;

/// <summary>
/// The request context that travels with every oslo message as flattened <c>_context_&lt;key&gt;</c> members
/// (user, project, request id, and whatever else a deployment's context carries: the set is open-ended).
/// Immutable; its wire form is encoded once, so sending it costs one copy.
/// </summary>
public sealed class RequestContext
{
    private readonly byte[] _encoded;

    public RequestContext(string? userId = null, string? projectId = null, string? requestId = null)
        : this(Entries(userId, projectId, requestId))
    {
    }

    /// <summary>A context from its keys (without the _context_ prefix) and raw JSON values, in wire order.</summary>
    public RequestContext(IEnumerable<KeyValuePair<string, string>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Members = [.. members];
        var output = new ArrayBufferWriter<byte>();
        foreach (var (key, json) in Members)
        {
            PythonJson.Separator(output);
            PythonJson.String(output, "_context_" + key);
            output.Write(": "u8);
            output.Write(Encoding.UTF8.GetBytes(json));
        }

        _encoded = output.WrittenSpan.ToArray();
    }

    /// <summary>Keys (without _context_) and their raw JSON values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Members { get; }

    public string? UserId => GetString("user_id") ?? GetString("user");

    public string? ProjectId => GetString("project_id") ?? GetString("project");

    public string? RequestId => GetString("request_id");

    /// <summary>A member as a string, or null when absent or not a JSON string.</summary>
    public string? GetString(string key)
    {
        foreach (var (name, json) in Members)
        {
            if (name == key)
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
            }
        }

        return null;
    }

    internal void WriteTo(IBufferWriter<byte> output) => output.Write(_encoded);

    private static IEnumerable<KeyValuePair<string, string>> Entries(string? userId, string? projectId, string? requestId)
    {
        // The order oslo writes a plain dict context in (captures: user_id, project_id, request_id).
        if (userId is not null)
        {
            yield return new("user_id", Quote(userId));
        }

        if (projectId is not null)
        {
            yield return new("project_id", Quote(projectId));
        }

        if (requestId is not null)
        {
            yield return new("request_id", Quote(requestId));
        }
    }

    private static string Quote(string value)
    {
        var output = new ArrayBufferWriter<byte>();
        PythonJson.String(output, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}

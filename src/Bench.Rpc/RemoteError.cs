using System.Text.Json;

namespace Bench.Rpc;

/// <summary>
/// An exception raised on the other side of a call, as oslo carries it: the remote class, its module, the message and
/// the traceback lines. Managers throw it to choose what a Python caller sees (module "builtins" and a builtin class
/// name make oslo re-raise the real Python type); clients get it back from a failed call.
/// </summary>
public sealed class RemoteError : Exception
{
    public RemoteError(string exceptionClass, string module, string message, IReadOnlyList<string>? traceback = null, string? kwargsJson = null)
        : base($"Remote error: {exceptionClass} {message}")
    {
        ExceptionClass = exceptionClass;
        Module = module;
        RemoteMessage = message;
        Traceback = traceback ?? [];
        KwargsJson = kwargsJson;
    }

    /// <summary>The remote exception's class name, e.g. ValueError or NoSuchMethod.</summary>
    public string ExceptionClass { get; }

    /// <summary>The module that defines it, e.g. builtins or oslo_messaging.rpc.dispatcher.</summary>
    public string Module { get; }

    public string RemoteMessage { get; }

    public IReadOnlyList<string> Traceback { get; }

    /// <summary>The exception's kwargs as raw JSON (how Nova exceptions carry format parameters), or null.</summary>
    public string? KwargsJson { get; }

    public static RemoteError FromOsloFailure(string failureJson)
    {
        try
        {
            using var document = JsonDocument.Parse(failureJson);
            var root = document.RootElement;
            var traceback = new List<string>();
            if (root.TryGetProperty("tb", out var tb))
            {
                if (tb.ValueKind == JsonValueKind.Array)
                {
                    foreach (var line in tb.EnumerateArray())
                    {
                        traceback.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : line.GetRawText());
                    }
                }
                else if (tb.ValueKind == JsonValueKind.String)
                {
                    traceback.Add(tb.GetString()!);
                }
            }

            return new RemoteError(
                Text(root, "class") ?? "Exception",
                Text(root, "module") ?? string.Empty,
                Text(root, "message") ?? string.Empty,
                traceback,
                root.TryGetProperty("kwargs", out var kwargs) ? kwargs.GetRawText() : null);
        }
        catch (JsonException)
        {
            return new RemoteError("MalformedFailure", "bench.rpc", failureJson);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}

namespace Bench.Rpc.Dispatch;

/// <summary>The remote errors the dispatcher and service raise, named and worded as oslo.messaging and Python name them.</summary>
public static class RpcErrors
{
    public const string DispatcherModule = "oslo_messaging.rpc.dispatcher";
    public const string BenchModule = "bench.rpc";

    public static RemoteError NoSuchMethod(string method) =>
        new("NoSuchMethod", DispatcherModule, "Endpoint does not support RPC method " + method);

    public static RemoteError UnsupportedVersion(string version, string method) =>
        new("UnsupportedVersion", DispatcherModule, $"Endpoint does not support RPC version {version}. Attempted method: {method}");

    /// <summary>Missing, unexpected or mistyped arguments: what Python raises when a call's kwargs do not fit.</summary>
    public static RemoteError TypeError(string message) => new("TypeError", "builtins", message);

    /// <summary>A message Bench could read far enough to answer, but not to dispatch.</summary>
    public static RemoteError MalformedRequest(string reason) => new("MalformedRequest", BenchModule, reason);

    /// <summary>A handler's .NET exception, mapped to the nearest Python builtin so Python callers get a real exception type.</summary>
    public static RemoteError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is RemoteError remote)
        {
            return remote;
        }

        var (pythonClass, module) = exception switch
        {
            KeyNotFoundException => ("KeyError", "builtins"),
            ArgumentException or FormatException => ("ValueError", "builtins"),
            NotImplementedException => ("NotImplementedError", "builtins"),
            TimeoutException => ("TimeoutError", "builtins"),
            InvalidOperationException => ("RuntimeError", "builtins"),
            OperationCanceledException => ("CancelledError", "asyncio.exceptions"),
            _ => (exception.GetType().Name, exception.GetType().Namespace ?? "dotnet"),
        };
        var traceback = (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd() + "\n").ToList();
        traceback.Add($"{pythonClass}: {exception.Message}\n");
        return new RemoteError(pythonClass, module, exception.Message, traceback);
    }
}

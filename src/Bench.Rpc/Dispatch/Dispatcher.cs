using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Bench.Rpc.Dispatch;

/// <summary>
/// Routes a request to its manager method through a table built once, when the dispatcher is made: a frozen
/// dictionary looked up straight from the message's UTF-8 method name, with no string or reflection per message.
/// Unknown methods, incompatible versions and bad arguments become <see cref="RemoteError"/>s named as oslo names them.
/// </summary>
public sealed class Dispatcher
{
    private readonly FrozenDictionary<string, MethodInvoker> _methods;
    private readonly FrozenDictionary<string, MethodInvoker>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _servedMajor;
    private readonly int _servedMinor;

    public Dispatcher(Manager manager, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        Manager = manager;
        Options = options ?? JsonSerializerOptions.Default;
        var methods = new Dictionary<string, MethodInvoker>(StringComparer.Ordinal);
        foreach (var method in manager.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!IsRpcMethod(method))
            {
                continue;
            }

            var name = method.GetCustomAttribute<RpcMethodAttribute>()?.Name ?? SnakeCase.From(method.Name);
            if (!methods.TryAdd(name, MethodInvoker.Create(name, method)))
            {
                throw new InvalidOperationException($"{manager.GetType().Name}: two methods are named '{name}' on the wire; overloads are not supported");
            }
        }

        _methods = methods.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _methods.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!TryParseVersion(manager.RpcApiVersion, out _servedMajor, out _servedMinor))
        {
            throw new InvalidOperationException($"{manager.GetType().Name}.RpcApiVersion '{manager.RpcApiVersion}' is not major.minor");
        }
    }

    public Manager Manager { get; }

    public JsonSerializerOptions Options { get; }

    public IReadOnlyCollection<string> MethodNames => _methods.Keys;

    /// <summary>
    /// Dispatches a call given its method name and keyword arguments (a JSON object), writing the result's JSON.
    /// Throws <see cref="RemoteError"/> for an unknown method or bad arguments, and whatever the method throws.
    /// </summary>
    public ValueTask DispatchAsync(string method, ReadOnlySpan<byte> argsJson, IBufferWriter<byte> result, RequestContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var invoker = Find(method) ?? throw RpcErrors.NoSuchMethod(method);
        var frame = invoker.TryBind(argsJson, Options, out var error) ?? throw RpcErrors.TypeError(error!);
        return invoker.InvokeAsync(Manager, frame, context, result, Options, cancellationToken);
    }

    internal MethodInvoker? Find(string name) => _methods.GetValueOrDefault(name);

    internal MethodInvoker? Find(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > 256)
        {
            return null;
        }

        Span<char> chars = stackalloc char[utf8Name.Length];
        var count = Encoding.UTF8.GetChars(utf8Name, chars);
        return _lookup.TryGetValue(chars[..count], out var invoker) ? invoker : null;
    }

    /// <summary>oslo's endpoint selection: same namespace, same major version, served minor ≥ requested.</summary>
    internal RemoteError? CheckTarget(string? requestNamespace, string? requestVersion, string method)
    {
        var version = requestVersion ?? "1.0";
        var compatible = requestNamespace == Manager.RpcNamespace
            && TryParseVersion(version, out var major, out var minor)
            && major == _servedMajor && minor <= _servedMinor;
        return compatible ? null : RpcErrors.UnsupportedVersion(version, method);
    }

    private static bool IsRpcMethod(MethodInfo method) =>
        !method.IsSpecialName
        && method.GetBaseDefinition().DeclaringType != typeof(Manager)
        && method.DeclaringType != typeof(object)
        && method.GetCustomAttribute<RpcIgnoreAttribute>() is null
        && method.GetCustomAttribute<PeriodicTaskAttribute>() is null
        && !method.IsGenericMethodDefinition;

    private static bool TryParseVersion(string text, out int major, out int minor)
    {
        major = minor = 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            ? int.TryParse(text.AsSpan(0, dot), out major) && int.TryParse(text.AsSpan(dot + 1), out minor)
            : int.TryParse(text, out major);
    }
}

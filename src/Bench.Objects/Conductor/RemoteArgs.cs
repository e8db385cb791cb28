using System.Text.Json;
using Bench.Rpc;
using Bench.Rpc.Dispatch;

namespace Bench.Objects.Conductor;

/// <summary>A remotable method's args (a JSON list) and kwargs (a JSON dict), as the conductor receives them.</summary>
public readonly struct RemoteArgs(ReadOnlyMemory<byte> args, ReadOnlyMemory<byte> kwargs)
{
    public ReadOnlyMemory<byte> Args { get; } = args;

    public ReadOnlyMemory<byte> Kwargs { get; } = kwargs;

    /// <summary>A string argument by position or by name; Python's TypeError when it is missing or not a string.</summary>
    public string StringArg(int position, string name, string method)
    {
        if (Find(position, name, out var element))
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString()!
                : throw RpcErrors.TypeError($"{method}() argument '{name}' must be str, not {element.ValueKind}");
        }

        throw RpcErrors.TypeError($"{method}() missing 1 required positional argument: '{name}'");
    }

    private bool Find(int position, string name, out JsonElement element)
    {
        element = default;
        try
        {
            if (!Args.IsEmpty)
            {
                using var args = JsonDocument.Parse(Args);
                if (args.RootElement.ValueKind == JsonValueKind.Array && args.RootElement.GetArrayLength() > position)
                {
                    element = args.RootElement[position].Clone();
                    return true;
                }
            }

            if (!Kwargs.IsEmpty)
            {
                using var kwargs = JsonDocument.Parse(Kwargs);
                if (kwargs.RootElement.ValueKind == JsonValueKind.Object && kwargs.RootElement.TryGetProperty(name, out var value))
                {
                    element = value.Clone();
                    return true;
                }
            }
        }
        catch (JsonException e)
        {
            throw RpcErrors.TypeError("malformed args: " + e.Message);
        }

        return false;
    }
}

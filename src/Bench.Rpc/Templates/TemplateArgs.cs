using System.Buffers;

namespace Bench.Rpc.Templates;

/// <summary>
/// One request's rendered arguments in an array rented from <see cref="ArrayPool{T}.Shared"/>. Use it as
/// `using var args = template.Rent(); await client.TryCallAsync(target, method, args.Args, …);` — the array goes back
/// when the request has completed. A constant template hands out its fixed bytes and rents nothing. Dispose exactly
/// once: a copy of this struct shares the array.
/// </summary>
public readonly struct TemplateArgs : IDisposable
{
    private readonly byte[]? _rented;

    internal TemplateArgs(ArgsTemplate template)
    {
        if (template.IsConstant)
        {
            _rented = null;
            Args = template.Constant;
            return;
        }

        _rented = ArrayPool<byte>.Shared.Rent(template.MaxLength);
        Args = new RpcArgs(_rented.AsMemory(0, template.Render(_rented)));
    }

    public RpcArgs Args { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}

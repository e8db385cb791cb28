using System.Buffers;
using System.Reflection;
using System.Text.Json;

namespace Bench.Rpc.Dispatch;

/// <summary>The typed half of <see cref="MethodInvoker"/>: calls the compiled delegate and writes a T result without boxing.</summary>
internal sealed class MethodInvoker<T>(
    string name,
    MethodInfo method,
    ParameterBinding[] parameters,
    FrameLayout layout,
    Func<Manager, ArgFrame, RequestContext?, CancellationToken, ValueTask<T>> call)
    : MethodInvoker(name, method, parameters, layout)
{
    public override ValueTask InvokeAsync(Manager manager, ArgFrame frame, RequestContext? context, IBufferWriter<byte> result, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        ValueTask<T> pending;
        try
        {
            pending = call(manager, frame, context, cancellationToken);
        }
        finally
        {
            ReturnFrame(frame);
        }

        if (pending.IsCompletedSuccessfully)
        {
            ResultWriter<T>.Write(result, pending.Result, options);
            return default;
        }

        return AwaitAndWriteAsync(pending, result, options);
    }

    private static async ValueTask AwaitAndWriteAsync(ValueTask<T> pending, IBufferWriter<byte> result, JsonSerializerOptions options)
    {
        var value = await pending;
        ResultWriter<T>.Write(result, value, options);
    }
}

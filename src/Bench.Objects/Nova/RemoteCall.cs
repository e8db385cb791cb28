using System.Buffers;
using Bench.Objects.Conductor;
using Bench.Rpc;
using Bench.Rpc.Wire;

namespace Bench.Objects.Nova;

/// <summary>The Nova remotable methods a conductor serves, and the argument lists the callers send.</summary>
public static class RemoteCall
{
    /// <summary>Instance.get_by_uuid, InstanceList.get_by_host and Instance.save, each running the object's own code.</summary>
    public static RemotableMethods NovaMethods() => new RemotableMethods()
        .AddClassAction("Instance", "get_by_uuid", async (context, args, ct) =>
            await Instance.GetByUuidAsync(context, args.StringArg(0, "uuid", "get_by_uuid"), ct))
        .AddClassAction("InstanceList", "get_by_host", async (context, args, ct) =>
            await InstanceList.GetByHostAsync(context, args.StringArg(0, "host", "get_by_host"), ct))
        .AddObjectAction("Instance", "save", async (target, _, ct) =>
        {
            await ((Instance)target).SaveAsync(ct);
            return null;
        });

    /// <summary>A one-string positional argument list, ["value"], as oslo sends a remotable method's args.</summary>
    internal static ReadOnlyMemory<byte> StringArgs(string value)
    {
        var output = new ArrayBufferWriter<byte>(64);
        output.Write("["u8);
        PythonJson.String(output, value);
        output.Write("]"u8);
        return output.WrittenMemory;
    }
}

using System.Buffers;
using System.Text;
using Bench.Rpc;
using Bench.Rpc.Wire;

namespace Bench.Benchmarks.Serialization;

/// <summary>Request args and encoded bodies for each payload kind, built once.</summary>
internal static class Samples
{
    public static RpcArgs Args(PayloadKind kind) => kind switch
    {
        PayloadKind.Small => RpcArgs.FromJson("{\"x\": 4, \"y\": 4}"),
        PayloadKind.Large64K => RpcArgs.FromJson("{\"payload\": \"" + new string('x', 65_536) + "\"}"),
        PayloadKind.NovaObject => RpcArgs.FromJson("{\"payload\": " + File.ReadAllText(NovaPath()) + "}"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static byte[] Body(PayloadKind kind, EnvelopeFormat format)
    {
        var body = new ArrayBufferWriter<byte>();
        OsloWriter.WriteRequest(body, new ArrayBufferWriter<byte>(), new OutgoingRequest
        {
            Method = "echo",
            Args = Args(kind).Json.Span,
            MessageId = "0123456789abcdef0123456789abcdef"u8,
            ReplyQueue = "reply_0123456789abcdef0123456789abcdef",
            UniqueId = "fedcba9876543210fedcba9876543210"u8,
            Context = new RequestContext("u1", "p1", "req-1"),
        }, format);
        return body.WrittenSpan.ToArray();
    }

    // The scenarios' own asset, copied beside the binaries; BDN's generated host runs from another folder, so look upwards too.
    private static string NovaPath()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            foreach (var file in new[] { Path.Combine(d.FullName, "assets", "nova-instance.json"), Path.Combine(d.FullName, "scenarios", "assets", "nova-instance.json") })
            {
                if (File.Exists(file))
                {
                    return file;
                }
            }
        }

        throw new FileNotFoundException("scenarios/assets/nova-instance.json not found above " + AppContext.BaseDirectory);
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

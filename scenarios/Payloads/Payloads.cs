using System.Text;
using Bench.Rpc;

namespace Bench.Scenarios.Payloads;

/// <summary>The arguments scenarios send, encoded once per run (the load path reuses them).</summary>
internal static class Payloads
{
    public static RpcArgs Add { get; } = RpcArgs.FromJson("{\"x\": 4, \"y\": 4}");

    /// <summary>The size of add's arguments: the payload the raw baselines and cast.count send unless told otherwise.</summary>
    public static int AddBytes { get; } = Add.Json.Length;

    public static RpcArgs Sleep(int ms) => RpcArgs.FromJson("{\"ms\": " + ms + "}");

    /// <summary>echo's args with a string payload whose JSON body is about <paramref name="bytes"/> long.</summary>
    public static RpcArgs Echo(int bytes) => RpcArgs.FromJson("{\"payload\": \"" + new string('x', Math.Max(0, bytes - 16)) + "\"}");

    public static RpcArgs Nova { get; } = RpcArgs.FromJson("{\"payload\": " + NovaInstance.Json + "}");

    public static RpcArgs Count { get; } = RpcArgs.FromJson("{}");

    /// <summary>Raw baseline bodies: the same number of bytes as the RPC payload, without any structure.</summary>
    public static byte[] Raw(int bytes) => Encoding.ASCII.GetBytes(new string('x', Math.Max(0, bytes)));
}

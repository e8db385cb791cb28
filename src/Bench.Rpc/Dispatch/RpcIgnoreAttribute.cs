namespace Bench.Rpc.Dispatch;

/// <summary>Keeps a public manager method off the wire.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class RpcIgnoreAttribute : Attribute;

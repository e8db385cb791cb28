namespace Bench.Rpc.Dispatch;

/// <summary>Names a manager method on the wire when its snake_case C# name is not the one callers use.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class RpcMethodAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

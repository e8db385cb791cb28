namespace Bench.Rpc.Dispatch;

/// <summary>The result of a method that returns nothing; written on the wire as null, as Python's None.</summary>
public readonly record struct Unit;

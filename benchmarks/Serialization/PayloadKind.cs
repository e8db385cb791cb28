namespace Bench.Benchmarks.Serialization;

/// <summary>The payloads serialization is measured with: a tiny call, a 64 KiB string, a Nova Instance object.</summary>
public enum PayloadKind
{
    Small,
    Large64K,
    NovaObject,
}

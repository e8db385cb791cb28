using Bench.Rpc.Templates;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Templates;

/// <summary>
/// Why {{uuid}} draws from Random.Shared: Guid.NewGuid asks the OS for cryptographic randomness on every call; a
/// version-4 UUID from Random.Shared is as unique for request ids and costs no system call.
/// </summary>
[BenchmarkCategory("Templates")]
[MemoryDiagnoser]
public class UuidBenchmarks
{
    private readonly byte[] _buffer = new byte[36];

    [Benchmark(Description = "Guid.NewGuid + format")]
    public bool NewGuid() => Guid.NewGuid().TryFormat(_buffer, out _, "D");

    [Benchmark(Description = "Random.Shared v4 + format ({{uuid}})")]
    public bool RandomV4() => UuidPart.NewV4().TryFormat(_buffer, out _, "D");
}

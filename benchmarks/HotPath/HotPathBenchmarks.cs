using System.Diagnostics;
using Bench.Load;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.HotPath;

/// <summary>
/// What the harness adds to every request: a clock read and a histogram record (style.md §3.1 budgets them at
/// ~38 ns and ~2 ns on this machine; these benchmarks are where such figures come from). Record must allocate nothing.
/// </summary>
[BenchmarkCategory("HotPath")]
public class HotPathBenchmarks
{
    private readonly LatencyHistogram _histogram = new();
    private long _value = 123_456;

    [Benchmark(Description = "Stopwatch.GetTimestamp")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods")]
    public long Timestamp() => Stopwatch.GetTimestamp();

    [Benchmark(Description = "LatencyHistogram.Record")]
    public void Record()
    {
        _value = (_value * 1103515245 + 12345) & 0xFFFFFFF; // varied values, so the bucket is not always the same
        _histogram.Record(_value);
    }

    [Benchmark(Description = "two timestamps + record (per request)")]
    public void PerRequest()
    {
        var start = Stopwatch.GetTimestamp();
        _histogram.Record(Stopwatch.GetTimestamp() - start);
    }
}

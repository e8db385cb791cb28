using System.Buffers;
using System.Diagnostics;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Wire;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.HotPath;

/// <summary>
/// What hop stamps (--hops on, issue 11) add to every call: the worker writes a reply with _bench_hops, the client
/// parses it back and records five hop histograms — each beside the unstamped path. All must allocate 0 B.
/// </summary>
[BenchmarkCategory("HotPath")]
public class HopStampBenchmarks
{
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private readonly LatencyHistogram[] _hops = [.. CallHops.Names.Select(_ => new LatencyHistogram())];
    private byte[] _plainReply = [];
    private byte[] _stampedReply = [];
    private byte[] _id = [];
    private byte[]? _unwrapScratch;

    [GlobalSetup]
    public void Setup()
    {
        _id = new byte[HexId.Length];
        HexId.Write(_id, 1, 2);
        WriteReply(stamped: false);
        _plainReply = _body.WrittenSpan.ToArray();
        WriteReply(stamped: true);
        _stampedReply = _body.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true, Description = "write reply")]
    public int WritePlain() => WriteReply(stamped: false);

    [Benchmark(Description = "write reply + _bench_hops")]
    public int WriteStamped() => WriteReply(stamped: true);

    [Benchmark(Description = "parse reply")]
    public bool ParsePlain() => Parse(_plainReply, default);

    [Benchmark(Description = "parse reply + _bench_hops + record 5 hops")]
    public bool ParseStamped()
    {
        Span<long> stamps = stackalloc long[5];
        if (!Parse(_stampedReply, stamps))
        {
            return false;
        }

        var hops = new CallHops(stamps[0], stamps[1], stamps[2], stamps[3], stamps[4], Stopwatch.GetTimestamp());
        for (var h = 0; h < _hops.Length; h++)
        {
            _hops[h].Record(hops.Ticks(h));
        }

        return true;
    }

    private int WriteReply(bool stamped)
    {
        _body.ResetWrittenCount();
        Span<byte> extra = stackalloc byte[HopStampsWire.MaxLength];
        var now = Stopwatch.GetTimestamp();
        var length = stamped ? HopStampsWire.WriteHops(extra, now - 900, now - 500, now - 400, now - 300, now) : 0;
        OsloWriter.WriteReply(_body, _scratch, "8"u8, default, ending: true, _id, "fedcba9876543210fedcba9876543210"u8, extra[..length]);
        return _body.WrittenCount;
    }

    private bool Parse(byte[] body, Span<long> stamps) =>
        OsloReader.TryUnwrap(body, ref _unwrapScratch, out var inner, out _) && OsloReader.TryParseReply(inner, out var reply, stamps) && (stamps.IsEmpty || reply.HasHops);
}

using System.Buffers;
using Bench.Rpc;
using Bench.Rpc.Wire;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Serialization;

/// <summary>Writing and reading an oslo request body: the 2.0 envelope (double-encoded) against the plain inner message.</summary>
[BenchmarkCategory("Serialization")]
public class EnvelopeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _body = new(1 << 18);
    private readonly ArrayBufferWriter<byte> _scratch = new(1 << 18);
    private readonly RequestContext _context = new("u1", "p1", "req-1");
    private RpcArgs _args;
    private byte[] _encoded = [];
    private byte[]? _unwrapScratch;

    [Params(PayloadKind.Small, PayloadKind.Large64K, PayloadKind.NovaObject)]
    public PayloadKind Payload { get; set; }

    [Params(EnvelopeFormat.Oslo2, EnvelopeFormat.Plain)]
    public EnvelopeFormat Envelope { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _args = Samples.Args(Payload);
        _encoded = Samples.Body(Payload, Envelope);
    }

    [Benchmark(Description = "write request")]
    public int Write()
    {
        _body.ResetWrittenCount();
        OsloWriter.WriteRequest(_body, _scratch, new OutgoingRequest
        {
            Method = "echo",
            Args = _args.Json.Span,
            MessageId = "0123456789abcdef0123456789abcdef"u8,
            ReplyQueue = "reply_0123456789abcdef0123456789abcdef",
            UniqueId = "fedcba9876543210fedcba9876543210"u8,
            Context = _context,
        }, Envelope);
        return _body.WrittenCount;
    }

    [Benchmark(Description = "parse request")]
    public int Parse()
    {
        OsloReader.TryUnwrap(_encoded, ref _unwrapScratch, out var inner, out _);
        OsloReader.ParseRequest(inner, out var request);
        return request.Args.Length + request.MessageId.Length;
    }
}

using System.Buffers;
using System.Text;
using Bench.Rpc.Client;
using Bench.Rpc.Wire;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.HotPath;

/// <summary>
/// The client's reply path without a broker: rent a pooled pending call, complete it from a parsed reply body
/// (envelope unwrap, _msg_id lookup), and await it — against a Guid-keyed dictionary of TaskCompletionSources, the
/// tutorial's shape.
/// </summary>
[BenchmarkCategory("HotPath")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the pending calls")]
public class ReplyCorrelationBenchmarks
{
    private readonly PendingCalls _pending = new(TimeSpan.FromSeconds(1));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<int>> _tcs = new();
    private byte[] _reply = [];
    private byte[]? _scratch;

    [GlobalSetup]
    public void Setup()
    {
        var body = new ArrayBufferWriter<byte>();
        Span<byte> id = stackalloc byte[HexId.Length];
        HexId.Write(id, 0, 0);
        OsloWriter.WriteReply(body, new ArrayBufferWriter<byte>(), "8"u8, default, ending: true, id, "fedcba9876543210fedcba9876543210"u8);
        _reply = body.WrittenSpan.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _pending.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "pooled pending call + parsed reply")]
    public long Pooled()
    {
        var call = _pending.Rent();
        var generation = call.Arm(long.MaxValue, wantsResult: false, default);
        if (!OsloReader.TryUnwrap(_reply, ref _scratch, out var inner, out _) || !OsloReader.TryParseReply(inner, out var reply) || !HexId.TryRead(reply.MessageId, out _, out _))
        {
            throw new InvalidOperationException("the sample reply does not parse");
        }

        call.TryComplete(generation, new Bench.Rpc.CallResult(Bench.Rpc.CallOutcome.Ok));
        var completed = call.AsValueTask();
        return completed.IsCompleted ? (long)completed.Result.Outcome + generation : throw new InvalidOperationException("not completed");
    }

    [Benchmark(Description = "Guid string + TaskCompletionSource per call")]
    public int GuidAndTcs()
    {
        var id = Guid.NewGuid().ToString();
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tcs[id] = tcs;
        if (_tcs.TryRemove(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(id)), out var found))
        {
            found.SetResult(8);
        }

        return tcs.Task.GetAwaiter().GetResult();
    }
}

using System.Buffers;
using System.Text.Json;
using Bench.Objects.Model;
using Bench.Objects.Nova;
using Bench.Rpc;
using Bench.Rpc.Wire;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Objects;

/// <summary>
/// The object model's cost against the canned-JSON path call.nova takes today. "canned" is the very primitive Bench
/// writes for the same Instance (2.6 KB), kept as bytes: copying it is what a canned payload costs, and putting it
/// in an oslo request is call.nova's per-request work. The goal: an Instance to its request within 2× the canned request.
/// </summary>
[BenchmarkCategory("Objects")]
public class ObjectBenchmarks
{
    private static readonly RequestContext s_context = new("u1", "p1", "req-1");
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly ArrayBufferWriter<byte> _args = new(1 << 20);
    private readonly ArrayBufferWriter<byte> _scratch = new(1 << 20);
    private readonly Dictionary<string, string> _oldChildren = new() { ["Instance"] = "2.7", ["Flavor"] = "1.0", ["SecurityGroupList"] = "1.0", ["SecurityGroup"] = "1.0" };
    private Instance _instance = null!;
    private InstanceList _list = null!;
    private byte[] _canned = [];
    private byte[] _cannedList = [];
    private RpcArgs _cannedArgs;

    [GlobalSetup]
    public void Setup()
    {
        _instance = SampleInstances.Create(7);
        _list = new InstanceList();
        _list.SetObjects(Enumerable.Range(0, 100).Select(i => SampleInstances.Create(i)));
        _list.ResetChanges(recursive: true);
        _canned = _instance.ToPrimitiveBytes();
        _cannedList = _list.ToPrimitiveBytes();
        _cannedArgs = new RpcArgs(Args(_canned));
    }

    [Benchmark(Baseline = true, Description = "canned Instance: copy its JSON")]
    public int CannedCopy()
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(_canned);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "canned Instance: oslo request (call.nova)")]
    public int CannedRequest() => Request(_cannedArgs.Json.Span);

    [Benchmark(Description = "Instance → primitive JSON")]
    public int InstanceToPrimitive()
    {
        _buffer.ResetWrittenCount();
        _instance.WritePrimitive(_buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Instance → oslo request")]
    public int InstanceToRequest()
    {
        _args.ResetWrittenCount();
        _args.Write("{\"payload\": "u8);
        _instance.WritePrimitive(_args);
        _args.Write("}"u8);
        return Request(_args.WrittenSpan);
    }

    [Benchmark(Description = "primitive JSON → Instance")]
    public VersionedObject PrimitiveToInstance() => NovaObjects.Registry.FromPrimitive(_canned);

    [Benchmark(Description = "canned Instance: parse as JsonDocument")]
    public int CannedParse()
    {
        using var document = JsonDocument.Parse(_canned);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "InstanceList(100) → primitive JSON")]
    public int ListToPrimitive()
    {
        _buffer.ResetWrittenCount();
        _list.WritePrimitive(_buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "canned InstanceList(100): copy its JSON")]
    public int CannedListCopy()
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(_cannedList);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "primitive JSON → InstanceList(100)")]
    public VersionedObject PrimitiveToList() => NovaObjects.Registry.FromPrimitive(_cannedList);

    [Benchmark(Description = "set 3 fields, what changed, reset")]
    public bool ChangeTracking()
    {
        _instance.TaskState = "rebooting";
        _instance.VmState = "active";
        _instance.Progress = 30;
        var changed = _instance.HasChanges;
        _instance.ResetChanges();
        return changed;
    }

    [Benchmark(Description = "Instance → 2.0 primitive (backport)")]
    public int BackportToOldest()
    {
        _buffer.ResetWrittenCount();
        _instance.WritePrimitive(_buffer, "2.0");
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Instance → primitive, manifest backport of nested")]
    public int BackportManifest()
    {
        _buffer.ResetWrittenCount();
        _instance.WritePrimitive(_buffer, "2.7", _oldChildren);
        return _buffer.WrittenCount;
    }

    private static byte[] Args(byte[] primitive) => [.. "{\"payload\": "u8, .. primitive, .. "}"u8];

    private int Request(ReadOnlySpan<byte> args)
    {
        _buffer.ResetWrittenCount();
        _scratch.ResetWrittenCount();
        OsloWriter.WriteRequest(_buffer, _scratch, new OutgoingRequest
        {
            Method = "echo",
            Args = args,
            MessageId = "0123456789abcdef0123456789abcdef"u8,
            ReplyQueue = "reply_0123456789abcdef0123456789abcdef",
            UniqueId = "fedcba9876543210fedcba9876543210"u8,
            Context = s_context,
        }, EnvelopeFormat.Oslo2);
        return _buffer.WrittenCount;
    }
}

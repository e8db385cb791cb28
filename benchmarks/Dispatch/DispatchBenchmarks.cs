using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Bench.Rpc;
using Bench.Rpc.Dispatch;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Dispatch;

/// <summary>
/// Dispatch of add(x, y): Bench's dispatcher end to end (method table lookup from the UTF-8 name, args bound from
/// JSON, typed call, result written) — which must allocate nothing — against looking a method up and calling it
/// by reflection, as a per-message dispatcher would (oslo's hasattr + call).
/// </summary>
[BenchmarkCategory("Dispatch")]
public class DispatchBenchmarks
{
    private static readonly byte[] s_args = "{\"x\": 4, \"y\": 4}"u8.ToArray();
    private readonly Dispatcher _dispatcher = new(new AddManager());
    private readonly ArrayBufferWriter<byte> _result = new(256);
    private readonly AddManager _manager = new();
    private readonly FrozenDictionary<string, Func<long, long, long>> _delegates;
    private readonly Dictionary<string, MethodInfo> _methods = new() { ["add"] = typeof(AddManager).GetMethod(nameof(AddManager.Add))! };

    public DispatchBenchmarks() => _delegates = new Dictionary<string, Func<long, long, long>> { ["add"] = _manager.Add }.ToFrozenDictionary();

    [Benchmark(Baseline = true, Description = "method table: lookup + call")]
    public long DelegateTable() => _delegates["add"](4, 4);

    [Benchmark(Description = "reflection: lookup + MethodInfo.Invoke")]
    public object? Reflection() => _methods["add"].Invoke(_manager, [4L, 4L]);

    [Benchmark(Description = "Dispatcher: name, bind JSON args, call, write result")]
    public int Dispatcher()
    {
        _result.ResetWrittenCount();
        var pending = _dispatcher.DispatchAsync("add", s_args, _result);
        return pending.IsCompletedSuccessfully ? _result.WrittenCount : throw new InvalidOperationException("add completes synchronously");
    }

    [Benchmark(Description = "reflection: parse args to JsonDocument, bind, invoke, serialize")]
    public int ReflectionEndToEnd()
    {
        using var document = JsonDocument.Parse(s_args);
        var method = _methods["add"];
        var parameters = method.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            values[i] = document.RootElement.GetProperty(parameters[i].Name!).Deserialize(parameters[i].ParameterType);
        }

        return JsonSerializer.SerializeToUtf8Bytes(method.Invoke(_manager, values)).Length;
    }

    public sealed class AddManager : Manager
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC methods are found and invoked on the manager instance, as oslo endpoints are")]
        public long Add(long x, long y) => x + y;
    }
}

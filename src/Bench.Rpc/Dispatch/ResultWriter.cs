using System.Buffers;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Dispatch;

/// <summary>
/// Writes a method's return value as the reply's "result" JSON, in the bytes the real service's json.dumps would
/// write. Numbers, booleans and strings are written directly in Python's form (no boxing, no serializer, no
/// allocation); a RawJson is laid out again in Python's form (allocation-free; unchanged when it already is); anything
/// else goes through System.Text.Json (floats as Python's) and is then laid out the same way (<see cref="PythonJsonText"/>).
/// </summary>
internal static class ResultWriter<T>
{
    public static readonly Action<IBufferWriter<byte>, T, JsonSerializerOptions> Write = Create();

    private static Action<IBufferWriter<byte>, T, JsonSerializerOptions> Create()
    {
        object writer = typeof(T) switch
        {
            var t when t == typeof(int) => (Action<IBufferWriter<byte>, int, JsonSerializerOptions>)((o, v, _) => PythonJson.Int64(o, v)),
            var t when t == typeof(long) => (Action<IBufferWriter<byte>, long, JsonSerializerOptions>)((o, v, _) => PythonJson.Int64(o, v)),
            var t when t == typeof(bool) => (Action<IBufferWriter<byte>, bool, JsonSerializerOptions>)((o, v, _) => PythonJson.Boolean(o, v)),
            var t when t == typeof(string) => (Action<IBufferWriter<byte>, string, JsonSerializerOptions>)((o, v, _) => PythonJson.String(o, v)),
            var t when t == typeof(double) => (Action<IBufferWriter<byte>, double, JsonSerializerOptions>)((o, v, _) => PythonJson.Double(o, v)),
            var t when t == typeof(Unit) => (Action<IBufferWriter<byte>, Unit, JsonSerializerOptions>)((o, _, _) => o.Write(PythonJson.Null)),
            var t when t == typeof(RawJson) => (Action<IBufferWriter<byte>, RawJson, JsonSerializerOptions>)((o, v, _) => PythonJsonText.Write(o, v.Utf8.Span)),
            _ => (Action<IBufferWriter<byte>, T, JsonSerializerOptions>)((o, v, options) => PythonJsonText.Write(o, JsonSerializer.SerializeToUtf8Bytes(v, PythonFloatConverter.For(options)))),
        };
        return (Action<IBufferWriter<byte>, T, JsonSerializerOptions>)writer;
    }
}

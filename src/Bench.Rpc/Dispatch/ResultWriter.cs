using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Dispatch;

/// <summary>
/// Writes a method's return value as the reply's "result" JSON. Numbers, booleans and strings are written directly
/// in Python's form (no boxing, no serializer); anything else goes through System.Text.Json.
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
            var t when t == typeof(double) => (Action<IBufferWriter<byte>, double, JsonSerializerOptions>)((o, v, _) => WriteDouble(o, v)),
            var t when t == typeof(Unit) => (Action<IBufferWriter<byte>, Unit, JsonSerializerOptions>)((o, _, _) => o.Write(PythonJson.Null)),
            var t when t == typeof(RawJson) => (Action<IBufferWriter<byte>, RawJson, JsonSerializerOptions>)((o, v, _) => o.Write(v.Utf8.Span)),
            _ => (Action<IBufferWriter<byte>, T, JsonSerializerOptions>)((o, v, options) => o.Write(JsonSerializer.SerializeToUtf8Bytes(v, options))),
        };
        return (Action<IBufferWriter<byte>, T, JsonSerializerOptions>)writer;
    }

    // Python keeps 2.0 a float; "2" would reach a Python caller as an int.
    private static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        output.Write(Encoding.ASCII.GetBytes(double.IsInteger(value) && !text.Contains('E', StringComparison.Ordinal) ? text + ".0" : text));
    }
}

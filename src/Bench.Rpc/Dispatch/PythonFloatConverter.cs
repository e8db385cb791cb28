using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Dispatch;

/// <summary>
/// Writes a double inside a serialized result as Python's float does (2.0, not 2: a Python caller must get a float
/// back, as from the real service); reads as System.Text.Json does. <see cref="For"/> adds it to a dispatcher's options.
/// </summary>
internal sealed class PythonFloatConverter : JsonConverter<double>
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> s_withFloats = new();

    /// <summary>The options with this converter first (made once per options instance).</summary>
    public static JsonSerializerOptions For(JsonSerializerOptions options) =>
        s_withFloats.GetValue(options, static o =>
        {
            var copy = new JsonSerializerOptions(o);
            copy.Converters.Insert(0, new PythonFloatConverter());
            return copy;
        });

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (!double.IsFinite(value))
        {
            writer.WriteNumberValue(value); // refused, as without this converter: JSON has no NaN
            return;
        }

        Span<byte> text = stackalloc byte[PythonJson.MaxDoubleLength];
        writer.WriteRawValue(text[..PythonJson.Double(text, value)]);
    }
}

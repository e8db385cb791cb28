using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// Turns a target's args or kwargs, written as a YAML mapping or list, into the JSON template text ExternalTarget
/// carries (compact, keys in file order). A plain YAML null, bool or number stays a JSON null, bool or number; every
/// string stays a JSON string, except a string that is exactly one numeric placeholder ("{{seq}}", "{{rand:1-5}}"),
/// which is written bare so the filled-in value is a JSON number. "{{uuid}}" or "order-{{seq}}" stay quoted.
/// </summary>
internal static partial class ArgsJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        // The template is sent as the message body, not embedded in HTML: escape only what JSON itself requires.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(YamlNode node, string file, string field)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            WriteNode(writer, node, file, field);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter writer, YamlNode node, string file, string field)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw ScenarioFileReader.Error(file, field, $"keys must be names, not {YamlScalars.Describe(key)}");
                    }

                    writer.WritePropertyName(name);
                    WriteNode(writer, value, file, field + "." + name);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    WriteNode(writer, sequence.Children[i], file, $"{field}[{i}]");
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar, file, field);
                break;
            default:
                throw ScenarioFileReader.Error(file, field, "expected a value, a list or a mapping");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar, string file, string field)
    {
        if (YamlScalars.IsNull(scalar))
        {
            writer.WriteNullValue();
        }
        else if (YamlScalars.TryBool(scalar, out var flag))
        {
            writer.WriteBooleanValue(flag);
        }
        else if (YamlScalars.TryJsonNumber(scalar, out var number))
        {
            writer.WriteRawValue(number);
        }
        else if (YamlScalars.IsNonFinite(scalar))
        {
            throw ScenarioFileReader.Error(file, field, $"JSON has no infinity or NaN; quote it to send the text {YamlScalars.Describe(scalar)}");
        }
        else if (NumericPlaceholder().IsMatch(scalar.Value ?? string.Empty))
        {
            // Not JSON on its own: the template compiler fills it with a number per request.
            writer.WriteRawValue(scalar.Value!, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(scalar.Value);
        }
    }

    // The placeholders that produce numbers. The template compiler checks what is inside ({{rand:5-1}} and the like).
    [GeneratedRegex(@"^\{\{(seq|rand:[^{}]*)\}\}$")]
    private static partial Regex NumericPlaceholder();
}

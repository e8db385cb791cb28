using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// A .json scenario file, parsed by System.Text.Json (so its syntax errors are JSON's, with line and column) and
/// turned into the YAML nodes the reader checks: a JSON string becomes a quoted scalar (always text), a number, bool or
/// null a plain one. JSON and YAML files then go through the same checks and give the same ScenarioFile.
/// </summary>
internal static class JsonNodes
{
    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static YamlNode Parse(string file, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            return ToNode(document.RootElement, file, string.Empty);
        }
        catch (JsonException e)
        {
            // The message repeats the position as "Path: $ | LineNumber: 2 | BytePositionInLine: 4."; say it once.
            var message = e.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            cut = cut >= 0 ? cut : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            throw ScenarioFileReader.Error(file, $"line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}", "not valid JSON: " + (cut >= 0 ? message[..cut] : message));
        }
    }

    private static YamlNode ToNode(JsonElement element, string file, string field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var mapping = new YamlMappingNode();
                foreach (var property in element.EnumerateObject())
                {
                    var key = new YamlScalarNode(property.Name);
                    var path = field.Length == 0 ? property.Name : field + "." + property.Name;
                    if (mapping.Children.ContainsKey(key))
                    {
                        throw ScenarioFileReader.Error(file, path, "this key appears twice");
                    }

                    mapping.Add(key, ToNode(property.Value, file, path));
                }

                return mapping;
            case JsonValueKind.Array:
                var sequence = new YamlSequenceNode();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    sequence.Add(ToNode(item, file, $"{field}[{i++}]"));
                }

                return sequence;
            case JsonValueKind.String:
                return new YamlScalarNode(element.GetString()) { Style = ScalarStyle.DoubleQuoted };
            default:
                // Numbers keep their JSON text (5.10 stays 5.10); true, false and null are the same words in YAML.
                return new YamlScalarNode(element.GetRawText()) { Style = ScalarStyle.Plain };
        }
    }
}

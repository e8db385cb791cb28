using Bench.Harness;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// One mapping of a scenario file (the top level, target, a phase, settings), read by key with its field path, so
/// every error names the file and the field. Keys it does not allow fail at construction: a typo never goes unread.
/// </summary>
internal sealed class YamlSection
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    /// <param name="file">The file's path as given, the first part of every error.</param>
    /// <param name="path">This mapping's field path ("" for the top level, "target", "phases[1].ramp").</param>
    /// <param name="node">The node that should be a mapping.</param>
    /// <param name="what">What the mapping is, for the unknown-key error ("a ramp phase").</param>
    /// <param name="allowed">The keys it takes, in the order the error lists them.</param>
    public YamlSection(string file, string path, YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        File = file;
        Path = path;
        if (node is not YamlMappingNode mapping)
        {
            throw ScenarioFileReader.Error(file, path, $"expected {what}: a mapping of {string.Join(", ", allowed)}, not {YamlScalars.Describe(node)}");
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw ScenarioFileReader.Error(file, path, $"keys must be names, not {YamlScalars.Describe(keyNode)}");
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw ScenarioFileReader.Error(file, Field(key), $"unknown key; {what} takes {string.Join(", ", allowed)}");
            }

            _values[key] = value;
        }
    }

    public string File { get; }

    public string Path { get; }

    /// <summary>The field path of a key in this mapping, as errors print it.</summary>
    public string Field(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>The key's value, or null when the key is absent or its value is null (`key:`, `key: ~`).</summary>
    public YamlNode? Node(string key) =>
        _values.TryGetValue(key, out var node) && !YamlScalars.IsNull(node) ? node : null;

    /// <summary>A scalar's text as written (a YAML number stays its text: version 5.10 is "5.10"); null when absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expected">What the value should be, for the error when it is a list or a mapping.</param>
    public string? Text(string key, string expected = "text")
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } text }
            ? text
            : throw Error(key, $"expected {expected}, not {YamlScalars.Describe(node)}");
    }

    public bool? Bool(string key)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        return YamlScalars.TryBool(node, out var value)
            ? value
            : throw Error(key, $"expected true or false, not {YamlScalars.Describe(node)}");
    }

    public HarnessConfigurationException Error(string key, string what) => ScenarioFileReader.Error(File, Field(key), what);

    /// <summary>An error about this mapping as a whole (a required key missing, two keys that exclude each other).</summary>
    public HarnessConfigurationException Error(string what) => ScenarioFileReader.Error(File, Path, what);
}

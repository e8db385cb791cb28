using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// Reads a scenario file's `settings:`: each `bench run` option by its flag name, with one value or a list (a sweep).
/// Values stay text for the options table to parse, as it parses flags; names are not checked here (the options
/// table does that, so a file and the command line reject the same names). The settings written with units that
/// the flags take as plain numbers are converted: see <see cref="s_units"/>.
/// </summary>
internal static class SettingsReader
{
    /// <summary>
    /// The options a file may give with a unit, and how each becomes the plain number its flag takes. A value that is
    /// already a plain number, or that does not read as the unit, is kept as written for the options table to judge.
    /// </summary>
    private static readonly Dictionary<string, Func<string, string>> s_units = new(StringComparer.Ordinal)
    {
        ["duration"] = Seconds,
        ["warmup"] = Seconds,
        ["timeout"] = Seconds,
        ["max-recovery"] = Seconds,
        ["sleep-ms"] = Milliseconds,
        ["rate"] = Rate,
        ["requests"] = Count,
    };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string file, YamlNode? node)
    {
        var settings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null)
        {
            return settings;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw ScenarioFileReader.Error(file, "settings", $"expected a mapping of option names to values (e.g. prefetch: [1, 10, 100]), not {YamlScalars.Describe(node)}");
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw ScenarioFileReader.Error(file, "settings", $"keys must be option names, not {YamlScalars.Describe(key)}");
            }

            var field = "settings." + name;
            var convert = s_units.GetValueOrDefault(name, text => text);
            settings[name] = value switch
            {
                YamlSequenceNode { Children.Count: 0 } => throw ScenarioFileReader.Error(file, field, "an empty list; give a value, or a list of values to sweep"),
                YamlSequenceNode list => [.. list.Children.Select((item, i) => convert(Value(file, $"{field}[{i}]", item)))],
                _ => [convert(Value(file, field, value))],
            };
        }

        return settings;
    }

    private static string Value(string file, string field, YamlNode node) =>
        node is YamlScalarNode { Value: { Length: > 0 } text } && !YamlScalars.IsNull(node)
            ? text
            : throw ScenarioFileReader.Error(file, field, $"expected one value (text or a number), not {YamlScalars.Describe(node)}");

    private static bool IsPlainNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Seconds(string text) =>
        !IsPlainNumber(text) && Quantities.TryDuration(text, out var seconds) ? Quantities.NumberText(seconds) : text;

    private static string Milliseconds(string text) =>
        !IsPlainNumber(text) && Quantities.TryDuration(text, out var seconds) ? Quantities.NumberText(Math.Round(seconds * 1000, 3)) : text;

    private static string Rate(string text) =>
        !IsPlainNumber(text) && Quantities.TryRate(text, out var rate) ? Quantities.NumberText(rate) : text;

    private static string Count(string text) =>
        !IsPlainNumber(text) && Quantities.TryCount(text, out var count) ? count.ToString(CultureInfo.InvariantCulture) : text;
}

using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// What a YAML scalar is, by the YAML 1.2 core schema: a plain (unquoted) scalar may be null, a bool, an integer or a
/// float; a quoted or block scalar, or one tagged !!str, is always a string. The representation model keeps each
/// scalar's text and style, so a number keeps the digits it was written with (5.10 stays 5.10, never 5.1).
/// </summary>
internal static partial class YamlScalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && IsPlain(scalar) && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(YamlNode node, out bool value)
    {
        value = false;
        if (node is not YamlScalarNode scalar || !IsPlain(scalar))
        {
            return false;
        }

        switch (scalar.Value)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A plain scalar that is a core-schema integer or float, as JSON number text: written as it is when it is already
    /// JSON (so 5.10 keeps its zero), normalised when YAML spells it otherwise (+1, 007, 0x1F, 0o17, .5, 1.).
    /// Infinity and NaN, which JSON cannot carry, are reported as not a number here and fail where they are used.
    /// </summary>
    public static bool TryJsonNumber(YamlScalarNode scalar, out string json)
    {
        json = string.Empty;
        var text = scalar.Value ?? string.Empty;
        if (!IsPlain(scalar))
        {
            return false;
        }

        if (JsonNumber().IsMatch(text))
        {
            json = text;
            return true;
        }

        if (DecimalInteger().IsMatch(text))
        {
            json = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && HexDigits().IsMatch(text[2..]))
        {
            json = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(text[2..]))
        {
            json = text[2..].Aggregate(BigInteger.Zero, (n, digit) => (n * 8) + (digit - '0')).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (YamlFloat().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            json = value.ToString("R", CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    /// <summary>True when a plain scalar spells infinity or NaN, which YAML allows and JSON does not.</summary>
    public static bool IsNonFinite(YamlScalarNode scalar) => IsPlain(scalar) && NonFinite().IsMatch(scalar.Value ?? string.Empty);

    /// <summary>The node as an error message shows it: a scalar by its text, a collection by its kind.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => Quote(s.Value ?? string.Empty),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    /// <summary>A value quoted for an error message: on one line, and cut short when long (a block of JSON text).</summary>
    public static string Quote(string text)
    {
        const int Longest = 60;
        var line = text.ReplaceLineEndings(" ");
        return "'" + (line.Length > Longest ? line[..Longest] + "…" : line) + "'";
    }

    private static bool IsPlain(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && (scalar.Tag.IsEmpty || (!scalar.Tag.IsNonSpecific && scalar.Tag.Value != StringTag));

    // JSON's own number grammar (RFC 8259): text matching it goes into the JSON as written.
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[0-9a-fA-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalDigits();

    // The core schema's float: [-+]? ( . digits | digits [ . digits? ] ) ( [eE] [-+]? digits )?
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex NonFinite();
}

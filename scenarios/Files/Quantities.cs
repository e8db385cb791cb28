using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Scenarios.Files;

/// <summary>
/// The quantities a scenario file writes with units, parsed the same way in phases and in settings:
/// durations ("500ms", "10s", "2m", "1h"; a bare number is seconds), rates ("400" or "400/s") and counts
/// ("10000", "10_000", "10k", "2M").
/// </summary>
internal static partial class Quantities
{
    public const string DurationHint = "a duration like 500ms, 10s, 2m or 1h (a bare number is seconds)";
    public const string RateHint = "a rate in requests per second, like 400 or 400/s";
    public const string CountHint = "a whole number like 10000, 10_000 or 10k";

    public static bool TryDuration(string text, out double seconds)
    {
        seconds = 0;
        var m = Duration().Match(text);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        // Rounded to the microsecond, so 1.1m is 66 and not 66.00000000000001 when written back as text.
        seconds = Math.Round(m.Groups[2].Value switch
        {
            "ms" => value / 1000,
            "m" => value * 60,
            "h" => value * 3600,
            _ => value,
        }, 6);
        return double.IsFinite(seconds);
    }

    public static bool TryRate(string text, out double perSecond)
    {
        perSecond = 0;
        var m = Rate().Match(text);
        return m.Success
            && double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out perSecond)
            && double.IsFinite(perSecond);
    }

    public static bool TryCount(string text, out long count)
    {
        count = 0;
        var m = Count().Match(text);
        if (!m.Success || !long.TryParse(m.Groups[1].Value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var scale = m.Groups[2].Value switch
        {
            "k" or "K" => 1_000L,
            "M" => 1_000_000L,
            _ => 1L,
        };
        try
        {
            count = checked(value * scale);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A number as the options table reads it: plain invariant digits ("10", "0.5", "120").</summary>
    public static string NumberText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(ms|s|m|h)?\s*$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(?:/\s*s)?\s*$")]
    private static partial Regex Rate();

    // Underscores only between digits, as in C# and YAML 1.1 ("10_000", not "_1" or "1__0").
    [GeneratedRegex(@"^\s*([0-9]+(?:_[0-9]+)*)\s*(k|K|M)?\s*$")]
    private static partial Regex Count();
}

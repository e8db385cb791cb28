using System.Globalization;

namespace Bench.Reporting.Sweeps;

/// <summary>
/// The order a reader expects a setting's values in: numbers ascending (1, 10, 100 — not 1, 10, 100 sorted as text),
/// then words in the order the run first met them (the order typed on the command line, so the first is the reference),
/// then the values that mean "no limit" (unlimited, none, off) last, because they sit beyond every number.
/// </summary>
public static class NaturalOrder
{
    private static readonly string[] s_noLimit = ["unlimited", "none", "off"];

    /// <param name="values">A setting's values in the order the run met them (duplicates allowed).</param>
    public static List<string> Sort(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return [.. distinct
            .Select((value, firstSeen) => (value, firstSeen, rank: Rank(value, out var number), number))
            .OrderBy(v => v.rank).ThenBy(v => v.number).ThenBy(v => v.firstSeen)
            .Select(v => v.value)];
    }

    /// <summary>The leading number of a value ("200/s" → 200), or null for a word.</summary>
    public static double? Number(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.' || (end == 0 && value[end] == '-')))
        {
            end++;
        }

        return end > 0 && double.TryParse(value.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>True for the words that mean "no limit": they are shown as key=value so "unlimited" says what is unlimited.</summary>
    public static bool IsNoLimit(string value) => s_noLimit.Contains(value, StringComparer.Ordinal);

    private static int Rank(string value, out double number)
    {
        if (Number(value) is { } n)
        {
            number = n;
            return 0;
        }

        number = 0;
        return IsNoLimit(value) ? 2 : 1;
    }
}

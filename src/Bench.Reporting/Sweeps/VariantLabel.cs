namespace Bench.Reporting.Sweeps;

/// <summary>
/// A variant's short label: only the swept settings, joined by " · ". A word that names itself ("direct",
/// "prefork:2") stands alone; numbers, booleans and "no limit" words need their key ("prefetch=10", "acksLate=true").
/// </summary>
public static class VariantLabel
{
    private static readonly string[] s_needKey = ["true", "false", "on", "off", "yes", "no"];

    /// <summary>What a variant with no setting apart from the common ones is called.</summary>
    public const string CommonSettings = "common settings";

    /// <param name="settings">The variant's settings.</param>
    /// <param name="swept">The settings that differ within the run.</param>
    /// <param name="common">When set, only values other than these are named (a sweep of one knob at a time).</param>
    public static string Of(IReadOnlyDictionary<string, string> settings, IReadOnlyList<SweptSetting> swept, IReadOnlyDictionary<string, string>? common = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(swept);
        var parts = swept.Where(s => settings.ContainsKey(s.Name) && (common is null || common.GetValueOrDefault(s.Name) != settings[s.Name]))
            .Select(s => Part(s, settings[s.Name], swept)).ToList();
        return parts.Count == 0 && common is not null && swept.Count > 0 ? CommonSettings : string.Join(" · ", parts);
    }

    private static string Part(SweptSetting setting, string value, IReadOnlyList<SweptSetting> swept)
    {
        // A bare word must say which setting it belongs to by itself: not a number or a yes/no, and no other swept
        // setting may share it (worker=bench and client=bench would both read "bench").
        var alone = NaturalOrder.Number(value) is null && !NaturalOrder.IsNoLimit(value) && !s_needKey.Contains(value, StringComparer.Ordinal)
            && swept.Count(s => s.Values.Contains(value, StringComparer.Ordinal)) == 1;
        return alone ? value : setting.Name + "=" + value;
    }
}

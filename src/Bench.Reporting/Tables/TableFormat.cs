using System.Globalization;

namespace Bench.Reporting.Tables;

/// <summary>How the figure tables write numbers: invariant culture, and the shapes the tables have always had.</summary>
internal static class TableFormat
{
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Thousands separated, no decimals: 12,345.</summary>
    public static string Thousands(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A figure as the results JSON holds it (the shortest text that reads back: 6, 6.5), as the tables printed it from there.</summary>
    public static string AsStored(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A figure rounded to one decimal as Python's round(x, 1) printed it from the results JSON: a whole number, stored
    /// without a point, stays as it is (810); any other comes back with one (2000.04 → 2000.0).
    /// </summary>
    public static string Rounded(double value)
    {
        if (value == Math.Floor(value))
        {
            return AsStored(value);
        }

        var text = AsStored(Math.Round(value, 1));
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A cast ledger as "sent / received unique / redelivered / duplicates / lost".</summary>
    public static string Ledger(CastLedgerRecord l) => $"{Integer(l.Sent)} / {Integer(l.ReceivedUnique)} / {Integer(l.Redelivered)} / {Integer(l.Duplicates)} / {Integer(l.Lost)}";

    /// <summary>"issued / ok / failed / timed out".</summary>
    public static string Counts(CountsRecord c) => $"{Integer(c.Issued)} / {Integer(c.Ok)} / {Integer(c.Failed)} / {Integer(c.TimedOut)}";

    public static string Setting(ScenarioRecord s, string key, string otherwise) => s.Settings.TryGetValue(key, out var v) ? v : otherwise;
}

using System.Globalization;
using System.Text;

namespace Bench.Reporting;

/// <summary>
/// summary.md's scenario table, made to fit a GitHub job summary without scrolling sideways: the settings every row
/// shares are said once above it (each where its scenario takes it), and each row names only what differs from them;
/// latency in ms at three significant digits. Every figure is also in the report's table and csv/scenarios.csv.
/// </summary>
public static class SummaryTable
{
    // Said by the load column.
    private static readonly string[] s_inLoad = ["model", "outstanding", "rate"];

    public static void AppendTo(StringBuilder text, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(run);
        var usual = Usual(run.Scenarios);
        if (usual.Count > 0)
        {
            text.AppendLine("Settings, unless a row says otherwise (each where its scenario takes it): " + string.Join(' ', usual.Select(kv => "`" + kv.Key + "=" + kv.Value + "`")) + ".");
            text.AppendLine();
        }

        text.AppendLine("| scenario | differs | load | ok/s | p50 ms | p99 ms | max ms | failed · timed out | CPU µs/req |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in run.Scenarios)
        {
            var l = s.OneWay ?? s.Latency.Corrected;
            var flags = (s.Incomplete ? " ⚠ incomplete" : string.Empty) + (s.Counts.Accounted ? string.Empty : " ⚠ unaccounted") + (s.Counts.LateStarts > 0 ? $" ⚠ {s.Counts.LateStarts:N0} late starts" : string.Empty);
            var differs = string.Join(' ', s.Settings.Where(kv => !s_inLoad.Contains(kv.Key) && usual.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key + "=" + kv.Value));
            var errors = s.Counts.Failed + s.Counts.TimedOut == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{s.Counts.Failed:N0} · {s.Counts.TimedOut:N0}");
            var cpu = s.Cost.Where(c => c.Process.StartsWith("client", StringComparison.Ordinal) || c.Process.StartsWith("worker", StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{s.Id}`{flags}{(s.Repetition > 1 ? $" #{s.Repetition}" : string.Empty)} | {differs} | {ShortLoad(s.Load)} | {s.Throughput:N0} | {Ms(l.P50Us)} | {Ms(l.P99Us)} | {Ms(l.MaxUs)} | {errors} | {cpu:0.0} |");
        }
    }

    /// <summary>Each setting's most common value among the rows that have it (ties: the first met).</summary>
    public static SortedDictionary<string, string> Usual(IReadOnlyList<ScenarioRecord> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var usual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in scenarios.SelectMany(s => s.Settings.Keys).Distinct(StringComparer.Ordinal).Where(k => !s_inLoad.Contains(k)))
        {
            var values = scenarios.Where(s => s.Settings.ContainsKey(key)).Select(s => s.Settings[key]).ToList();
            var (value, count) = values.Distinct(StringComparer.Ordinal).Select(v => (v, values.Count(x => x == v))).MaxBy(x => x.Item2);
            // A value only one row of several has says nothing common: it stays in that row.
            if (count > 1 || scenarios.Count == 1)
            {
                usual[key] = value;
            }
        }

        return usual;
    }

    /// <summary>"64 outstanding, 8 s" from "closed, 64 outstanding, for 8 s"; "2000/s open, 8 s" from "open, 2000/s, for 8 s".</summary>
    private static string ShortLoad(string load)
    {
        var text = load.Replace(", for ", ", ", StringComparison.Ordinal);
        if (text.StartsWith("closed, ", StringComparison.Ordinal))
        {
            return text["closed, ".Length..];
        }

        var parts = text.Split(", ");
        return parts.Length >= 2 && parts[0] == "open" ? parts[1] + " open" + string.Concat(parts.Skip(2).Select(p => ", " + p)) : text;
    }

    /// <summary>Microseconds as milliseconds at three significant digits (whole ms from 100 up; 0.0000600 for the harness's 60 ns).</summary>
    private static string Ms(double us)
    {
        var ms = us / 1000;
        if (ms >= 100)
        {
            return ms.ToString("N0", CultureInfo.InvariantCulture);
        }

        var decimals = ms > 0 ? Math.Clamp(2 - (int)Math.Floor(Math.Log10(ms)), 0, 7) : 0;
        return ms.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}

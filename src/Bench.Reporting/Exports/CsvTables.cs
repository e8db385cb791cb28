using System.Globalization;
using System.Text;

namespace Bench.Reporting.Exports;

/// <summary>
/// The scenario table and each timeline as CSV (RFC 4180: comma-separated, quoted where needed, CRLF-free, invariant
/// culture, no thousands separators), for spreadsheets: one row per scenario run, one row per second.
/// </summary>
public static class CsvTables
{
    public static string Scenarios(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        Row(text, "run", "scenario", "settings", "repetition", "load", "latency", "ok_per_s", "min_us", "p50_us", "p90_us", "p99_us", "p99_9_us", "p99_99_us", "max_us", "mean_us", "stddev_us",
            "issued", "ok", "failed", "timed_out", "late_starts", "cpu_us_per_req_client", "cpu_us_per_req_worker", "cpu_us_per_req_broker", "incomplete");
        foreach (var s in run.Scenarios)
        {
            var l = s.OneWay ?? s.Latency.Corrected;
            Row(text, run.RunId, s.Id, s.SettingsKey, N(s.Repetition), s.Load, s.OneWay is null ? s.LatencyKind : "one-way (at worker)", D(s.Throughput),
                D(l.MinUs), D(l.P50Us), D(l.P90Us), D(l.P99Us), D(l.P999Us), D(l.P9999Us), D(l.MaxUs), D(l.MeanUs), D(l.StdDevUs),
                N(s.Counts.Issued), N(s.Counts.Ok), N(s.Counts.Failed), N(s.Counts.TimedOut), N(s.Counts.LateStarts),
                D(Cpu(s, "client")), D(Cpu(s, "worker")), D(Cpu(s, "broker")), s.Incomplete ? "true" : "false");
        }

        return text.ToString();
    }

    public static string Timeline(ScenarioRecord scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var text = new StringBuilder();
        Row(text, "second", "seconds", "ok", "failed", "timed_out", "ok_per_s", "p50_us", "p99_us", "max_us", "rss_mb", "drain", "partial");
        foreach (var t in scenario.Timeline)
        {
            Row(text, N(t.Second), D(t.Seconds), N(t.Ok), N(t.Failed), N(t.TimedOut), D(t.Throughput), D(t.P50Us), D(t.P99Us), D(t.MaxUs), D(t.RssMb),
                t.Drain ? "true" : "false", t.Partial ? "true" : "false");
        }

        return text.ToString();
    }

    private static double Cpu(ScenarioRecord s, string process) => s.Cost.Where(c => c.Process.StartsWith(process, StringComparison.Ordinal)).Sum(c => c.CpuUsPerRequest);

    private static void Row(StringBuilder text, params string[] fields) => text.Append(string.Join(',', fields.Select(Quote))).Append('\n');

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using static Bench.Reporting.Tables.TableFormat;

namespace Bench.Reporting.Tables;

/// <summary>
/// `--table own-service DIR`: Bench's `--target oslo|celery` beside the services' own Python clients, as
/// `scripts/figures.sh own-service` leaves them in DIR: `TARGET-bench-N/` (a Bench run) and `TARGET-python-N.json`
/// (the figures scripts/peers/latency_stats.py --json gave for that client's latency file). One row per target,
/// outstanding and client: requests/s, p50 and p99 µs of the round trip (Bench's raw service time: the closed model
/// has no schedule), and ok / failed / timeout. A Bench run that left no results is a row pointing at its log.
/// </summary>
public sealed class OwnServiceTable() : FigureTable("own-service", "the folder scripts/figures.sh own-service wrote")
{
    private static readonly string[] s_targets = ["oslo", "celery"];

    protected override void Write(MarkdownText text, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count != 1 || !Directory.Exists(paths[0]))
        {
            throw new ResultFormatException($"--table {Name} takes one folder: {Inputs}");
        }

        var folder = paths[0];
        text.Header("target", "client", "outstanding", "requests/s", "p50 µs", "p99 µs", "ok / failed / timeout");
        foreach (var target in s_targets)
        {
            foreach (var n in Outstanding(folder, target))
            {
                var python = Path.Combine(folder, $"{target}-python-{n}.json");
                if (File.Exists(python))
                {
                    PythonRow(text, target, n, python);
                }

                var bench = Path.Combine(folder, $"{target}-bench-{n}");
                if (File.Exists(Path.Combine(bench, ResultStore.ResultsFileName)))
                {
                    var s = ResultStore.Read(bench).Scenarios.FirstOrDefault() ?? throw new ResultFormatException($"{bench}: no scenario measured");
                    var c = s.Counts;
                    var l = s.Latency.Raw;
                    text.Row(target, "bench", Integer(n), Rounded(s.Throughput), Rounded(l.P50Us), Rounded(l.P99Us), $"{Integer(c.Ok)} / {Integer(c.Failed)} / {Integer(c.TimedOut)}");
                }
                else if (File.Exists(bench + ".log"))
                {
                    text.Append($"| {target} | bench | {n} | no results: see {bench}.log | | | |\n");
                }
            }
        }
    }

    /// <summary>The outstanding counts measured for a target, from the names of what the driver wrote, ascending.</summary>
    private static IEnumerable<int> Outstanding(string folder, string target) =>
        Directory.EnumerateFileSystemEntries(folder, target + "-*")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!.Split('-'))
            .Where(parts => parts.Length == 3 && parts[1] is "bench" or "python")
            .Select(parts => int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Distinct()
            .Order();

    // latency_stats.py's figures as it wrote them: a missing percentile (no ok request) is JSON null, Python's None.
    private static void PythonRow(MarkdownText text, string target, int n, string path)
    {
        using (var document = ResultStore.ParseFile(path, "latency_stats.py's JSON"))
        {
            string Field(string name) => document.RootElement.TryGetProperty(name, out var v)
                ? v.ValueKind == JsonValueKind.Null ? "None" : v.GetRawText()
                : throw new ResultFormatException($"{path} has no {name}: not latency_stats.py's JSON");
            text.Row(target, "python", Integer(n), Field("requestsPerSecond"), Field("p50Us"), Field("p99Us"), $"{Field("ok")} / {Field("failed")} / {Field("timeout")}");
        }
    }
}

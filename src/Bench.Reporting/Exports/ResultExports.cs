using System.Globalization;

namespace Bench.Reporting.Exports;

/// <summary>
/// The files other tools read, written beside results.json: hlog/NN-ID.hlog (one HdrHistogram interval log per
/// scenario run) and csv/scenarios.csv with csv/timeline-NN-ID.csv per scenario run. NN is the run's position (01…),
/// so repetitions and variants of one scenario never share a file.
/// </summary>
public static class ResultExports
{
    /// <summary>Writes the HdrHistogram logs into <paramref name="directory"/>; returns the paths.</summary>
    public static List<string> WriteHlogs(RunResult run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        return [.. run.Scenarios.Select((s, i) =>
        {
            var path = Path.Combine(directory, FileStem(s, i) + ".hlog");
            ResultStore.WriteTextAtomic(path, HdrLogWriter.Render(s));
            return path;
        })];
    }

    /// <summary>Writes scenarios.csv and a timeline per scenario run into <paramref name="directory"/>; returns the paths.</summary>
    public static List<string> WriteCsv(RunResult run, string directory)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        var table = Path.Combine(directory, "scenarios.csv");
        ResultStore.WriteTextAtomic(table, CsvTables.Scenarios(run));
        var paths = new List<string> { table };
        paths.AddRange(run.Scenarios.Select((s, i) =>
        {
            var path = Path.Combine(directory, "timeline-" + FileStem(s, i) + ".csv");
            ResultStore.WriteTextAtomic(path, CsvTables.Timeline(s));
            return path;
        }));
        return paths;
    }

    /// <summary>Both, in a run's folder: hlog/ and csv/.</summary>
    public static void WriteAll(RunResult run, string runDirectory)
    {
        WriteHlogs(run, Path.Combine(runDirectory, "hlog"));
        WriteCsv(run, Path.Combine(runDirectory, "csv"));
    }

    private static string FileStem(ScenarioRecord s, int index) =>
        (index + 1).ToString("00", CultureInfo.InvariantCulture) + "-" + string.Concat(s.Id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}

using System.Globalization;
using System.Text.Json;

namespace Bench.Reporting.History;

/// <summary>
/// The history folder: <c>&lt;utc-start&gt;-&lt;sha7&gt;.json</c> per recorded run and <c>index.json</c>. Recording the same
/// run again replaces its entry; two runs of one revision (two nights without a commit) are two entries, so a new
/// night can never overwrite the baseline. Writes are atomic.
/// </summary>
public sealed class HistoryStore(string directory)
{
    private static readonly JsonSerializerOptions s_compact = new(ResultStore.Options) { WriteIndented = false };

    public string Directory { get; } = directory;

    private string IndexPath => Path.Combine(Directory, "index.json");

    public HistoryIndex ReadIndex() => File.Exists(IndexPath)
        ? JsonSerializer.Deserialize<HistoryIndex>(File.ReadAllBytes(IndexPath), ResultStore.Options) ?? new HistoryIndex()
        : new HistoryIndex();

    /// <summary>Adds a run as a revision; returns its file name.</summary>
    public string Record(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entry = ToEntry(run);
        var file = $"{run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss", CultureInfo.InvariantCulture)}-{entry.ShortSha}.json";
        System.IO.Directory.CreateDirectory(Directory);
        ResultStore.WriteAtomic(Path.Combine(Directory, file), JsonSerializer.SerializeToUtf8Bytes(entry, s_compact));
        var index = ReadIndex();
        var entries = index.Entries.Where(e => e.File != file && e.RunId != entry.RunId).Append(new HistoryIndexEntry(file, entry.RunId, entry.Sha, entry.Date, entry.Suite, entry.Incomplete))
            .OrderBy(e => e.Date, StringComparer.Ordinal).ThenBy(e => e.RunId, StringComparer.Ordinal).ToList();
        WriteIndex(index with { Entries = entries });
        return file;
    }

    /// <summary>Makes a recorded revision the baseline: "latest", a file name, or a (prefix of a) git sha.</summary>
    public HistoryIndexEntry Promote(string which)
    {
        var index = ReadIndex();
        var entry = Find(index, which) ?? throw new ResultFormatException($"no recorded revision matches '{which}' in {Directory}");
        if (entry.Incomplete)
        {
            // An interrupted night measured less than it claims: every later night would be judged against it.
            throw new ResultFormatException($"{entry.File} is an incomplete run: it cannot be the baseline");
        }

        WriteIndex(index with { Baseline = entry.File });
        return entry;
    }

    public HistoryEntry Load(string file)
    {
        var path = Path.Combine(Directory, file);
        if (!File.Exists(path))
        {
            throw new ResultFormatException($"history file {path} is missing");
        }

        var entry = JsonSerializer.Deserialize<HistoryEntry>(File.ReadAllBytes(path), ResultStore.Options) ?? throw new ResultFormatException($"{path} is empty");
        return entry.SchemaVersion == HistoryEntry.CurrentSchemaVersion ? entry
            : throw new ResultFormatException($"{path} has history schemaVersion {entry.SchemaVersion}; this Bench reads {HistoryEntry.CurrentSchemaVersion}");
    }

    public List<HistoryEntry> LoadAll() => [.. ReadIndex().Entries.Select(e => Load(e.File))];

    public HistoryIndexEntry? Find(string which) => Find(ReadIndex(), which);

    public static HistoryEntry ToEntry(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sha = run.Environment.GitSha ?? "nogit";
        return new HistoryEntry
        {
            RunId = run.RunId,
            Sha = sha,
            ShortSha = EnvironmentProbe.ShortSha(run.Environment),
            Date = run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartedAt = run.StartedAt,
            Suite = run.Suite,
            Incomplete = run.Incomplete,
            Machine = $"{run.Environment.CpuModel}, {run.Environment.Cores} cores",
            Scenarios = [.. run.Scenarios.Select(s =>
            {
                var latency = s.OneWay ?? s.Latency.Corrected;
                var full = s.Timeline.Where(p => p.IsSample).ToList();
                return new HistoryScenario
                {
                    Id = s.Id,
                    SettingsKey = s.SettingsKey,
                    Repetition = s.Repetition,
                    Incomplete = s.Incomplete,
                    Accounted = s.Counts.Accounted,
                    GeneratorLimited = s.GeneratorLimited,
                    Model = s.Model,
                    LatencyKind = s.LatencyKind,
                    Issued = s.Counts.Issued,
                    Ok = s.Counts.Ok,
                    Failed = s.Counts.Failed,
                    TimedOut = s.Counts.TimedOut,
                    Throughput = s.Throughput,
                    P50Us = latency.P50Us,
                    P99Us = latency.P99Us,
                    P999Us = latency.P999Us,
                    MaxUs = latency.MaxUs,
                    MeanUs = latency.MeanUs,
                    StdDevUs = latency.StdDevUs,
                    Histogram = CompactHistogram.From(latency.Histogram),
                    ThroughputPerSecond = [.. full.Select(p => Math.Round(p.Throughput, 1))],
                    P50PerSecond = [.. full.Select(p => Math.Round(p.P50Us, 1))],
                    P99PerSecond = [.. full.Select(p => Math.Round(p.P99Us, 1))],
                };
            })],
        };
    }

    private static HistoryIndexEntry? Find(HistoryIndex index, string which) => which switch
    {
        "latest" => index.Entries.LastOrDefault(),
        "baseline" => index.Entries.FirstOrDefault(e => e.File == index.Baseline),
        _ => index.Entries.LastOrDefault(e => e.File == which || e.File == which + ".json" || e.Sha.StartsWith(which, StringComparison.OrdinalIgnoreCase)),
    };

    private void WriteIndex(HistoryIndex index)
    {
        System.IO.Directory.CreateDirectory(Directory);
        ResultStore.WriteAtomic(IndexPath, JsonSerializer.SerializeToUtf8Bytes(index, ResultStore.Options));
    }
}

namespace Bench.Reporting.History;

/// <summary>results/history/index.json: every recorded revision, oldest first, and which one is the baseline.</summary>
public sealed record HistoryIndex
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The file name (in the history folder) of the baseline revision; null until one is promoted.</summary>
    public string? Baseline { get; init; }

    public List<HistoryIndexEntry> Entries { get; init; } = [];
}

public sealed record HistoryIndexEntry(string File, string RunId, string Sha, string Date, string Suite, bool Incomplete);

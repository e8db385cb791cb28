namespace Bench.Reporting.History;

/// <summary>
/// One recorded revision in results/history: the summaries, the latency histogram (compact) and the per-second
/// samples of each scenario — what trends and comparisons need, without per-request data. About 3 KB a scenario.
/// </summary>
public sealed record HistoryEntry
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RunId { get; init; }

    public required string Sha { get; init; }

    public required string ShortSha { get; init; }

    /// <summary>The run's UTC date, yyyy-MM-dd.</summary>
    public required string Date { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Suite { get; init; }

    public bool Incomplete { get; init; }

    public required string Machine { get; init; }

    public List<HistoryScenario> Scenarios { get; init; } = [];
}

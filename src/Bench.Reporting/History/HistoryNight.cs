namespace Bench.Reporting.History;

/// <summary>One night of a measurement: the revision it ran and its figures.</summary>
public sealed record HistoryNight(string Sha, string ShortSha, string Date, string RunId, double Throughput, double P50Us, double P99Us, double ErrorRate, bool LatencyJudged);

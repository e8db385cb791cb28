namespace Bench.Reporting;

/// <summary>
/// Casts counted at both ends, by unique id at the workers: sent N, received N unique, K redelivered (the broker gave a
/// message again, e.g. after a worker died before acking), duplicates dropped, and the difference lost.
/// </summary>
public sealed record CastLedgerRecord
{
    public long Sent { get; init; }

    public long ReceivedUnique { get; init; }

    /// <summary>Deliveries the broker flagged as redelivered.</summary>
    public long Redelivered { get; init; }

    /// <summary>Deliveries whose unique id had been seen already (dropped, as oslo does).</summary>
    public long Duplicates { get; init; }

    public long Lost => Math.Max(0, Sent - ReceivedUnique);
}

namespace Bench.Reporting;

/// <summary>
/// Latency measured from the intended start (corrected for coordinated omission) and from the actual start (raw
/// service time). They are equal in a closed model, where no request has a schedule to fall behind.
/// </summary>
public sealed record LatencyPair(LatencyRecord Corrected, LatencyRecord Raw);

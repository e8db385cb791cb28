namespace Bench.Load;

/// <summary>What a live display shows once a second.</summary>
public readonly record struct ProgressSnapshot(
    string ScenarioId, bool WarmingUp, double ElapsedSeconds, long Issued, long Ok, long Failed, long TimedOut,
    long LateStarts, double Throughput, long P50Ns, long P99Ns, double? Fraction);

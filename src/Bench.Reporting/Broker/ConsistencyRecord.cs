namespace Bench.Reporting.Broker;

/// <summary>
/// Whether a scenario's figures agree with each other (Little's law, the broker's counts against Bench's, queue depth
/// against what was outstanding). <see cref="Inconsistent"/> when any check is off by more than its tolerance: evidence
/// of lost messages, a generator that fell behind, or a clock problem.
/// </summary>
public sealed record ConsistencyRecord(List<ConsistencyCheckRecord> Checks)
{
    public bool Inconsistent => Checks.Any(c => !c.Passed);
}

/// <summary>
/// One check: what was expected and what was measured, the residual (measured / expected − 1) and the tolerance it is
/// judged against (|residual| ≤ tolerance passes; for a bound, only the side named in <see cref="Name"/> fails).
/// </summary>
public sealed record ConsistencyCheckRecord(string Name, double Expected, double Measured, double Residual, double Tolerance, bool Passed, string Meaning);

namespace Bench.Reporting.Comparison;

/// <summary>One repetition of a variant, as a comparison sees it: the figures it judges and whether they can be trusted.</summary>
public sealed record RepetitionFigures(
    double Throughput, double P50Us, double P99Us, double P999Us, long Ok, long Issued, long Errors, bool Incomplete, bool Accounted)
{
    /// <summary>The open model's generator fell behind (see <see cref="ScenarioRecord.GeneratorLimited"/>): not a measurement of the system.</summary>
    public bool GeneratorLimited { get; init; }
}

namespace Bench.Reporting.Sweeps;

/// <summary>How an open-model scenario's rate was chosen: the capacity search's steps, the capacity, the fraction and the rate.</summary>
public sealed record RateChoiceRecord
{
    /// <summary>What the search's ladder was scaled from (the same scenario's closed-model drain in this run).</summary>
    public required string Basis { get; init; }

    /// <summary>The steps run, in order, each judged; the search stops at the first that fails.</summary>
    public List<RateStepRecord> Steps { get; init; } = [];

    public double CapacityPerSecond { get; init; }

    public double Fraction { get; init; }

    /// <summary>The rate measured: <see cref="Fraction"/> × <see cref="CapacityPerSecond"/>.</summary>
    public double RatePerSecond { get; init; }

    /// <summary>One sentence for summary.md and the report (it is also the scenario's first note).</summary>
    public required string Why { get; init; }
}

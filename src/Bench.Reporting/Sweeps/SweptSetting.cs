namespace Bench.Reporting.Sweeps;

/// <summary>A setting whose value differs among a scenario's variants in one run, with its values in natural order.</summary>
public sealed record SweptSetting(string Name, IReadOnlyList<string> Values)
{
    /// <summary>Every value is a number or "no limit": plotted on a numeric axis (the offered rate of an open-model sweep).</summary>
    public bool Numeric => Values.All(v => NaturalOrder.Number(v) is not null || NaturalOrder.IsNoLimit(v));
}

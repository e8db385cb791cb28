namespace Bench.Reporting.Thresholds;

/// <summary>Parses `--assert` expressions, checks them per scenario, and words the run's verdict when any is breached.</summary>
public static class ThresholdCheck
{
    /// <summary>Parses every expression; the first malformed one throws (the CLI prints its message and exits 2).</summary>
    /// <exception cref="ThresholdFormatException">One line naming the expression and what was expected.</exception>
    public static IReadOnlyList<Threshold> ParseAll(IEnumerable<string> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        return [.. expressions.Select(Threshold.Parse)];
    }

    /// <summary>The scenario with every threshold evaluated into <see cref="ScenarioRecord.Thresholds"/> (replacing any there).</summary>
    public static ScenarioRecord Apply(ScenarioRecord scenario, IReadOnlyList<Threshold> thresholds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(thresholds);
        return scenario with { Thresholds = [.. thresholds.Select(t => t.Evaluate(scenario))] };
    }

    /// <summary>Null when every threshold passed (or there were none); else one line naming each breach, for the exit-1 verdict.</summary>
    public static string? Verdict(IEnumerable<ScenarioRecord> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var all = scenarios.SelectMany(s => s.Thresholds.Select(t => (s.Id, Threshold: t))).ToList();
        var breached = all.Where(x => !x.Threshold.Passed).ToList();
        return breached.Count == 0
            ? null
            : $"{breached.Count} of {all.Count} thresholds breached: {string.Join("; ", breached.Select(x => $"{x.Id} {x.Threshold.Expression} (measured {x.Threshold.Measured}{(x.Threshold.Window is { } w ? ", " + w : string.Empty)})"))}";
    }
}

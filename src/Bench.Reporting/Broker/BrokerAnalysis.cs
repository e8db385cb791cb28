namespace Bench.Reporting.Broker;

/// <summary>Puts the bottleneck verdict and the consistency check on a record (again after a merge: they are derived, never merged).</summary>
public static class BrokerAnalysis
{
    public static ScenarioRecord Apply(ScenarioRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var analysed = record with { Bottleneck = BottleneckVerdict.Decide(record), Consistency = ConsistencyCheck.Analyse(record) };
        if (analysed.Consistency is { Inconsistent: true } c)
        {
            analysed.Notes.Add("inconsistent: " + string.Join("; ", c.Checks.Where(k => !k.Passed).Select(k => $"{k.Name} off by {k.Residual:+0.#%;-0.#%} (tolerance {k.Tolerance:0.#%}): {k.Meaning}")));
        }

        return analysed;
    }
}

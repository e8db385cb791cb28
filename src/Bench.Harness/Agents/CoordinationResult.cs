using Bench.Reporting;

namespace Bench.Harness.Agents;

/// <summary>How a coordination ended: merged (complete or not), too few agents ready, or no results at all.</summary>
public sealed record CoordinationResult(RunResult? Merged, string? OutputDirectory, string? Failure)
{
    public static CoordinationResult Done(RunResult merged, string outputDirectory) => new(merged, outputDirectory, null);

    public static CoordinationResult TooFew(string why) => new(null, null, why);

    public static CoordinationResult NoResults(string why) => new(null, null, why);

    /// <summary>0 only when every agent reported, the merged run is complete and no agent's verdict failed it.</summary>
    public int ExitCode => Merged is { Incomplete: false, Verdict: null } m && m.Scenarios.All(s => s.Counts.Accounted) ? 0 : 1;
}

namespace Bench.Reporting;

/// <summary>
/// One invocation of `bench run`: where and when it ran, and every scenario it measured. The schema is versioned:
/// a reader refuses a version it does not know (see results/README.md); bumping it is a reviewed change.
/// </summary>
public sealed record RunResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RunId { get; init; }

    /// <summary>The command line (credentials masked).</summary>
    public required string Command { get; init; }

    public required string Suite { get; init; }

    /// <summary>
    /// The settings given a list of values on the command line or in the file (`--prefetch 1,10,100`): the question
    /// the report answers with effect charts and verdicts. A suite's own variants (outstanding 1 and 64 in the default
    /// suite) are not in it. Null in results written before it was kept: see <see cref="Sweeps.AskedSettings"/>.
    /// </summary>
    public List<string>? SweptSettings { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True when the run was interrupted (Ctrl-C, SIGTERM) or a scenario could not finish.</summary>
    public bool Incomplete { get; init; }

    public string? StopReason { get; init; }

    /// <summary>Null when the run passed; otherwise the one line saying why it failed (`bench run` exits 1).</summary>
    public string? Verdict { get; init; }

    public required EnvironmentRecord Environment { get; init; }

    public double PeakRssMb { get; init; }

    public List<ScenarioRecord> Scenarios { get; init; } = [];

    /// <summary>An agent's own run: which slice it ran and how its start lined up (null for a run of one machine).</summary>
    public Agents.AgentRecord? Agent { get; init; }

    /// <summary>A merged run: every agent, present or missing, with its own figures (null unless merged).</summary>
    public List<Agents.AgentRecord>? Agents { get; init; }
}

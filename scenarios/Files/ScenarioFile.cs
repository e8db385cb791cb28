using Bench.Harness.Targets;

namespace Bench.Scenarios.Files;

/// <summary>
/// A scenario file (`bench run --file my.yaml`, YAML or JSON) as read and checked by ScenarioFileReader:
/// what to drive (an external <see cref="Target"/>, or one of Bench's own scenarios by id), the load phases, the
/// settings (each option's name as on the command line, with one value or a list: a sweep), and thresholds.
/// Setting values are kept as text here; the options table parses them, so a file and a flag are read alike.
/// </summary>
internal sealed record ScenarioFile
{
    /// <summary>The file's path as given, for error messages.</summary>
    public required string Path { get; init; }

    /// <summary>An optional label for the run (the suite name recorded in results).</summary>
    public string? Name { get; init; }

    /// <summary>The external service to drive; null when <see cref="Scenario"/> names one of Bench's own.</summary>
    public ExternalTarget? Target { get; init; }

    /// <summary>One of Bench's own scenario ids (e.g. call.add), when the file has no target.</summary>
    public string? Scenario { get; init; }

    /// <summary>The broker URI; `--amqp` on the command line overrides it.</summary>
    public string? Amqp { get; init; }

    public IReadOnlyList<LoadPhase> Phases { get; init; } = [];

    /// <summary>Option name (as the flag, without "--") to its values as text: one value, or several for a sweep.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Settings { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Threshold expressions ("p99&lt;20ms"), checked per scenario like --assert.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];
}

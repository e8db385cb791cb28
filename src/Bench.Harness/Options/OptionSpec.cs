namespace Bench.Harness.Options;

/// <summary>
/// One command-line option as `--help` lists it: its name (the flag without "--"; a scenario file's settings use the
/// same names), the values it takes, what it does and its default. Options that are scenario settings are
/// <see cref="SettingOption"/>s; the others (where results go, which broker, …) are read by their command.
/// </summary>
public record OptionSpec(string Name, string Values, string Description, OptionScope Scope)
{
    /// <summary>The default as help shows it; null when there is none worth showing.</summary>
    public virtual string? Default { get; init; }

    /// <summary>A flag takes no value (`--in-process`).</summary>
    public bool IsFlag { get; init; }

    /// <summary>May be given several times (`--assert A --assert B`).</summary>
    public bool Repeatable { get; init; }
}

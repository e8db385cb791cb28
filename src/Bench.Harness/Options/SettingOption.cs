using Bench.Harness.Definitions;

namespace Bench.Harness.Options;

/// <summary>
/// A scenario setting: how its text is parsed (once, when the command line or file is read), how a value applies to
/// <see cref="ScenarioSettings"/>, and how a setting is written back as text — the same text is recorded in
/// results (under <see cref="Key"/>), shown in help as the default, and passed to a child `bench worker`.
/// A comma-separated list is a sweep: one scenario run per value.
/// </summary>
public sealed record SettingOption : OptionSpec
{
    private readonly Func<string, Func<ScenarioSettings, ScenarioSettings>> _parse;
    private readonly Func<ScenarioSettings, string> _format;

    private SettingOption(string name, string key, string values, string description, OptionScope scope,
        Func<string, Func<ScenarioSettings, ScenarioSettings>> parse, Func<ScenarioSettings, string> format)
        : base(name, values, description, scope)
    {
        Key = key;
        _parse = parse;
        _format = format;
    }

    /// <summary>The name the setting is recorded under in results (a settings key), e.g. queueType for --queue-type.</summary>
    public string Key { get; }

    /// <summary>The default as recorded (what a setting left alone is written as).</summary>
    public string RecordedDefault => _format(new ScenarioSettings());

    /// <summary>The default as help shows it, when the recorded text would not say it well (tls: "off", recorded "amqp").</summary>
    public string? ShownDefault { get; init; }

    public override string? Default => ShownDefault ?? RecordedDefault;

    /// <summary>Recorded only when set: a setting added after results were first recorded, so older settings keys still match.</summary>
    public bool OmitDefault { get; init; }

    /// <summary>A typed setting: <paramref name="parse"/> reads one value (throwing a HarnessConfigurationException), <paramref name="apply"/> sets it, <paramref name="read"/> and <paramref name="format"/> write it back.</summary>
    public static SettingOption Of<T>(string name, string key, string values, string description, OptionScope scope,
        Func<string, T> parse, Func<ScenarioSettings, T, ScenarioSettings> apply, Func<ScenarioSettings, T> read, Func<T, string> format) =>
        new(name, key, values, description, scope, text =>
        {
            var value = parse(text);
            return s => apply(s, value);
        }, s => format(read(s)));

    /// <summary>Every value of a comma-separated list, parsed now; each applies its value to a scenario's settings.</summary>
    public IReadOnlyList<Func<ScenarioSettings, ScenarioSettings>> ParseList(string text)
    {
        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0)
        {
            throw new HarnessConfigurationException($"--{Name} needs a value");
        }

        return [.. values.Select(_parse)];
    }

    /// <summary>One value (a worker's options, which are never swept).</summary>
    public ScenarioSettings ApplyOne(ScenarioSettings settings, string text) => _parse(text)(settings);

    /// <summary>The setting's value as text: what results record, and what a child worker is given.</summary>
    public string Format(ScenarioSettings settings) => _format(settings);
}

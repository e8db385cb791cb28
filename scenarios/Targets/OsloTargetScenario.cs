using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Targets;

namespace Bench.Scenarios.Targets;

/// <summary>
/// An oslo.messaging service Bench did not start (`--target oslo`): Bench's oslo client calls or casts its method with
/// templated arguments. Only the client's settings apply; the target's identity (topic, server, exchange, namespace,
/// version, method, args) is part of the settings key, so history and compare keep targets apart.
/// </summary>
internal abstract class OsloTargetScenario(string id, string summary, ScenarioKind kind) : TargetScenario(id, summary, kind, "oslo")
{
    protected override IEnumerable<SettingOption> Recorded =>
        [OptionTable.Tls, OptionTable.Channels, OptionTable.Persistent, OptionTable.Durable, OptionTable.Envelope, OptionTable.Confirms];

    public override ScenarioRun CreateRun(RunSession session, ScenarioSpec spec) => new ExternalOsloRun(session, spec);

    protected override void DescribeTarget(ExternalTarget target, SortedDictionary<string, string> settings)
    {
        settings["topic"] = target.Topic ?? string.Empty;
        settings["method"] = target.Method ?? string.Empty;
        settings["exchange"] = target.Exchange ?? "openstack";
        settings["args"] = ArgsKey.Of(target.Args ?? "{}");
        Add(settings, "server", target.Server);
        Add(settings, "namespace", target.Namespace);
        Add(settings, "version", target.Version);
    }

    private static void Add(SortedDictionary<string, string> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[key] = value;
        }
    }
}

using System.Globalization;
using Bench.Harness.Options;
using Bench.Harness.Runs;

namespace Bench.Harness.Definitions;

/// <summary>
/// A scenario: its id and kind, the settings it takes (and records as its settings key), its defaults, and how it is
/// run — its setup (Bench's workers, the raw baseline server, Celery peers or an external target), its step and its
/// teardown, through the run it creates. One class per scenario, listed in <see cref="ScenarioCatalog"/>; families
/// (oslo calls, casts, the raw baseline, objects, Celery, external targets) share a base that does their setup. A
/// scenario's identity (id, summary, kind) is given once, to the base's constructor, so its class holds only what is
/// its own.
/// </summary>
/// <param name="id">Frozen: results history is keyed on it, so an id is never renamed or reused.</param>
/// <param name="summary">One line for the catalog: what a request is.</param>
/// <param name="kind">What a request is: a step, a call, a cast or a fanout.</param>
public abstract class ScenarioDefinition(string id, string summary, ScenarioKind kind)
{
    /// <summary>Frozen: results history is keyed on it, so an id is never renamed or reused.</summary>
    public string Id { get; } = id;

    /// <summary>One line for the catalog: what a request is.</summary>
    public string Summary { get; } = summary;

    public ScenarioKind Kind { get; } = kind;

    /// <summary>Shown on the report's shared timeline axes (the harness's own cost, millions a second, is not).</summary>
    public virtual bool InTimeline => true;

    /// <summary>The settings it runs with when chosen on its own (`--scenario ID`).</summary>
    public virtual ScenarioSettings Defaults => new();

    /// <summary>The settings it takes beyond the load model, recorded under their keys.</summary>
    protected abstract IEnumerable<SettingOption> Recorded { get; }

    /// <summary>Whether a counted run records its request count (a counted call run is another measurement than a timed one).</summary>
    protected virtual bool RecordsRequests => true;

    /// <summary>Where requests go when --route is not given: oslo's topic exchange, or the queue for the raw baseline.</summary>
    public virtual string DefaultRoute => "exchange";

    /// <summary>The `--method` shorthand that picks it (`--method add` is call.add), or null.</summary>
    public virtual string? MethodShorthand => null;

    /// <summary>The raw baseline scenario it is measured beside (recorded, so reports pair them without knowing ids).</summary>
    public virtual string? Baseline => null;

    /// <summary>Whether it drives a service Bench did not start (`--target`): not run by `--scenario`.</summary>
    public virtual bool NeedsTarget => false;

    /// <summary>Whether it can run over amqps (the Python Celery peers Bench starts here are configured for amqp only).</summary>
    public virtual bool SupportsTls => true;

    /// <summary>Whether its load comes from outside Bench's engine with these settings (the Python Celery client): a fault's effect cannot be measured then.</summary>
    public virtual bool LoadOutsideEngine(ScenarioSettings settings) => false;

    public abstract ScenarioRun CreateRun(RunSession session, ScenarioSpec spec);

    /// <summary>Whether the scenario uses <paramref name="option"/> (the load model, or a setting it records).</summary>
    public bool Takes(SettingOption option) => OptionTable.LoadSettings.Contains(option) || option == OptionTable.BrokerView || Recorded.Contains(option);

    /// <summary>The settings that apply to this scenario, as they are recorded: its settings key.</summary>
    public SortedDictionary<string, string> Describe(ScenarioSpec spec)
    {
        var s = spec.Settings;
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = s.Rate is null && s.RateOfCapacity is null ? "closed" : "open",
        };
        if (s.RateOfCapacity is { } fraction)
        {
            d["rate"] = fraction.ToString("0.##%", CultureInfo.InvariantCulture) + " of capacity";
            d["arrivals"] = OptionTable.Arrivals.Format(s);
        }
        else if (s.Rate is { } rate)
        {
            d["rate"] = OptionParsers.Number(rate) + (s.RampTo is { } to ? "→" + OptionParsers.Number(to) : string.Empty);
            d["arrivals"] = OptionTable.Arrivals.Format(s);
        }
        else
        {
            d["outstanding"] = OptionTable.Outstanding.Format(s);
        }

        foreach (var option in Recorded)
        {
            var text = option == OptionTable.Route ? s.Route ?? DefaultRoute : option.Format(s);
            if (!option.OmitDefault || text != option.RecordedDefault)
            {
                d[option.Key] = text;
            }
        }

        if (!s.BrokerView)
        {
            d[OptionTable.BrokerView.Key] = "off"; // every scenario takes it; recorded only when off, so on,off are two variants
        }

        // The extent changes what a cast's figures mean (a flood of 30,000 builds a shallower backlog than one of
        // 200,000), and a counted call run is another measurement than a timed one.
        if (RecordsRequests && s.Requests is { } requests)
        {
            d["requests"] = requests.ToString(CultureInfo.InvariantCulture);
        }
        else if (RecordsRequests && Kind is ScenarioKind.Cast or ScenarioKind.Fanout)
        {
            d["duration"] = s.DurationSeconds.ToString("0.##", CultureInfo.InvariantCulture);
        }

        if (spec.Faults is { Count: > 0 } faults)
        {
            d["fault"] = string.Join(' ', faults.Select(f => f.Text));
        }

        DescribeTarget(spec, d);
        return d;
    }

    /// <summary>An external target's identity (target, topic, method, …): so history and compare keep targets apart.</summary>
    protected virtual void DescribeTarget(ScenarioSpec spec, SortedDictionary<string, string> settings)
    {
    }
}

namespace Bench.Reporting.Sweeps;

/// <summary>
/// One scenario's variants in one run and the settings swept across them: the keys whose values differ among the
/// variants ("model" aside: outstanding or rate already says it). A scenario run with one set of settings is a sweep of
/// nothing (<see cref="Swept"/> empty).
/// </summary>
public sealed record Sweep(string ScenarioId, RunResult Run, IReadOnlyList<SweepPoint> Points, IReadOnlyList<SweptSetting> Swept)
{
    /// <summary>What a variant that lacks a setting shows for it (a closed-model variant has no rate).</summary>
    public const string Missing = "–";

    public bool IsSweep => Swept.Count > 0;

    /// <summary>Some setting asked about changed alone between two variants (closed against open model alone is no sweep of a setting).</summary>
    public bool HasEffects => WithEffects.Any();

    /// <summary>The swept settings asked about that changed alone somewhere: those with an effect chart and a verdict.</summary>
    public IEnumerable<SweptSetting> WithEffects => Swept.Where(s => IsAsked(s) && Lines(s).Count > 0);

    /// <summary>
    /// The swept settings the report answers for (<see cref="AskedSettings"/>); null: all of them. The others still
    /// label the variants, but get no effect chart, verdict or neighbour table: they are how the suite is built.
    /// </summary>
    public IReadOnlySet<string>? Asked { get; init; }

    public bool IsAsked(SweptSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return Asked is null || Asked.Contains(setting.Name);
    }

    /// <summary>
    /// When not every combination ran (one knob at a time, as the Celery suite does), each swept setting's most common
    /// value: labels then name only what differs from it ("acksLate=true"), not every swept setting.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Common { get; init; }

    /// <summary>Every combination of the swept values was measured (a full factorial, not one knob at a time).</summary>
    public bool IsGrid => IsSweep && Points.Count == Swept.Aggregate(1, (n, s) => n * s.Values.Count);

    public static string ValueOf(SweepPoint point, string setting)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Settings.GetValueOrDefault(setting, Missing);
    }

    /// <summary>
    /// Each scenario of the run as a sweep, in the order the run first met them; variants in natural order of their
    /// swept settings. <paramref name="runSuffix"/> is appended to labels when several runs share a report.
    /// </summary>
    public static List<Sweep> AllOf(RunResult run, string? runSuffix = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var byId = run.Scenarios.GroupBy(s => s.Id, StringComparer.Ordinal).ToList();
        var sweeps = new List<Sweep>();
        foreach (var scenario in byId)
        {
            var variants = scenario.GroupBy(s => s.SettingsKey, StringComparer.Ordinal).Select(g => g.OrderBy(r => r.Repetition).ToList()).ToList();
            var keys = variants.SelectMany(v => v[0].Settings.Keys).Distinct(StringComparer.Ordinal).Where(k => k != "model").ToList();
            var swept = keys
                .Select(k => new SweptSetting(k, NaturalOrder.Sort(variants.Select(v => v[0].Settings.GetValueOrDefault(k, Missing)))))
                .Where(s => s.Values.Count > 1)
                .OrderByDescending(s => s.Values.Count).ThenBy(s => s.Name, StringComparer.Ordinal)
                .ToList();
            var grid = variants.Count == swept.Aggregate(1, (n, s) => n * s.Values.Count);
            // Variants that are not a question (a suite's built-in ones) are named by every value that tells them apart.
            var asked = AskedSettings.Of(run);
            var common = grid || (asked is not null && !swept.Any(s => asked.Contains(s.Name))) ? null : CommonValues(variants.Select(v => v[0].Settings).ToList(), swept);
            var points = variants.Select(reps =>
            {
                var settingsLabel = VariantLabel.Of(reps[0].Settings, swept, common);
                var label = byId.Count > 1 || settingsLabel.Length == 0 ? Join(scenario.Key, settingsLabel) : settingsLabel;
                return new SweepPoint
                {
                    Run = run,
                    Repetitions = reps,
                    Label = Join(label, runSuffix ?? string.Empty),
                    ShortLabel = Join(settingsLabel.Length == 0 ? scenario.Key : settingsLabel, runSuffix ?? string.Empty),
                };
            });
            // The last swept setting varies slowest, so a grid reads as the first setting's values once per value of the others.
            var ordered = swept.Count == 0 ? points.ToList()
                : [.. swept.Take(swept.Count - 1).Reverse().Aggregate(points.OrderBy(p => IndexOf(swept[^1], p)), (o, s) => o.ThenBy(p => IndexOf(s, p)))];
            sweeps.Add(new Sweep(scenario.Key, run, ordered, swept) { Common = common, Asked = asked });
        }

        return sweeps;
    }

    /// <summary>
    /// The lines of <paramref name="setting"/>'s effect chart: variants grouped by the values of the other swept
    /// settings, each group in the setting's natural order; groups with a single value of the setting draw no line.
    /// </summary>
    public List<SweepLine> Lines(SweptSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var others = Swept.Where(s => s.Name != setting.Name).ToList();
        return [.. Points.Where(p => p.Settings.ContainsKey(setting.Name))
            .GroupBy(p => string.Join('\u001f', others.Select(o => ValueOf(p, o.Name))), StringComparer.Ordinal)
            .Where(g => g.Select(p => ValueOf(p, setting.Name)).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => new SweepLine(VariantLabel.Of(g.First().Settings, others, Common), [.. g.OrderBy(p => IndexOf(setting, p))]))];
    }

    /// <summary>The other swept settings, for a sentence ("at every …"): "transport", "combination of transport, workers"; empty when none.</summary>
    public string OthersPhrase(SweptSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var others = Swept.Where(s => s.Name != setting.Name).Select(s => s.Name).ToList();
        return others.Count switch
        {
            0 => string.Empty,
            1 => others[0],
            _ => "combination of " + string.Join(", ", others),
        };
    }

    /// <summary>Each setting's most common value, where one is shared by several variants (a rate swept alone has none).</summary>
    private static Dictionary<string, string> CommonValues(List<SortedDictionary<string, string>> settings, List<SweptSetting> swept)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in swept)
        {
            var (value, count) = s.Values.Select(v => (v, settings.Count(d => d.GetValueOrDefault(s.Name, Missing) == v))).MaxBy(x => x.Item2);
            if (count > 1)
            {
                common[s.Name] = value;
            }
        }

        return common;
    }

    private static int IndexOf(SweptSetting setting, SweepPoint point)
    {
        var i = setting.Values.ToList().IndexOf(ValueOf(point, setting.Name));
        return i < 0 ? int.MaxValue : i;
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + " · " + b;
}

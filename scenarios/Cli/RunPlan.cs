using Bench.Harness;
using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Targets;
using Bench.Rpc.Templates;
using Bench.Scenarios.Catalog;
using Bench.Scenarios.Files;
using Bench.Scenarios.Targets;

namespace Bench.Scenarios.Cli;

/// <summary>
/// What `bench run` will run, from its flags and an optional scenario file (flags override the file): a suite, Bench's
/// own scenarios, or an external target; the file's load phases; every setting, a list being a sweep; and the
/// thresholds. Everything is parsed and checked here, before a broker is touched, so a bad flag or file is one line
/// and exit 2.
/// </summary>
internal sealed record RunPlan(IReadOnlyList<ScenarioSpec> Specs, string Suite, string? Amqp, IReadOnlyList<string> Thresholds)
{
    /// <summary>The settings the user gave a list of values (flags or file): the sweep the report answers, not a suite's own variants.</summary>
    public IReadOnlyList<string> Swept { get; init; } = [];

    private static readonly string[] s_targetFlags = ["topic", "server", "exchange", "namespace", "version", "args", "kwargs", "task", "queue"];

    public static RunPlan From(CliArgs args)
    {
        var file = args.String("file") is { } path ? ScenarioFileReader.Read(path) : null;
        var target = Target(args, file);
        var amqp = args.String("amqp") ?? file?.Amqp;
        // BENCH_AMQP_URI names it too: agents started by `bench run --local` get it there, off their command line.
        if (target is not null && amqp is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Bench.Broker.BrokerLease.EnvironmentVariable)))
        {
            throw new UsageException("--target needs --amqp URI: an external target needs the broker it lives on");
        }

        var specs = BaseSpecs(args, file, target);
        if (file is { Phases.Count: > 0 })
        {
            specs = [.. specs.SelectMany(spec => Phases(file, spec))];
        }

        // Settings that apply to every spec, each possibly a list (a sweep): the file's first, then the flags, which
        // replace a file's setting of the same name.
        var sweeps = new List<IReadOnlyList<Func<ScenarioSettings, ScenarioSettings>>>();
        var given = new List<(SettingOption Option, string Where)>();
        var swept = new List<string>();
        foreach (var (name, values) in file?.Settings ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var option = OptionTable.Setting(name) ?? throw new UsageException($"{file!.Path}: settings.{name}: unknown setting (bench run --help lists them)");
            if (!args.Has(option.Name))
            {
                sweeps.Add(InFile(file!.Path, name, () => values.SelectMany(option.ParseList).ToList()));
                given.Add((option, $"{file!.Path}: settings.{name}"));
                if (sweeps[^1].Count > 1)
                {
                    swept.Add(option.Key);
                }
            }
        }

        foreach (var option in OptionTable.Settings.Where(o => (o.Scope & OptionScope.Run) != 0))
        {
            // A flag alone means true; --in-process=false says otherwise.
            if (option.IsFlag ? args.Has(option.Name) : args.String(option.Name) is not null)
            {
                sweeps.Add(option.ParseList(args.String(option.Name) ?? "true"));
                given.Add((option, "--" + option.Name));
                if (sweeps[^1].Count > 1)
                {
                    swept.Add(option.Key);
                }
            }
        }

        // A setting none of the scenarios takes would only make identical runs: refuse it. One that some of a suite's
        // scenarios take is applied to those; the others run once, not once per value.
        foreach (var (option, where) in given)
        {
            if (!specs.Any(s => s.Scenario.Takes(option)))
            {
                throw new UsageException($"{where} does not apply to {string.Join(", ", specs.Select(s => s.Id).Distinct())}");
            }
        }

        // Each picks a load model, and the open model would silently ignore the closed one's user count.
        if (given.Any(g => g.Option.Name == "outstanding") && given.Any(g => g.Option.Name == "rate"))
        {
            throw new UsageException("--outstanding (closed model: N users) and --rate (open model: arrivals per second) pick different load models: give one");
        }

        var expanded = specs.SelectMany(spec => sweeps.Aggregate(
            (IEnumerable<ScenarioSettings>)[spec.Settings], (all, sweep) => all.SelectMany(s => sweep.Select(apply => apply(s))))
            .Select(settings => spec with { Settings = settings }))
            .DistinctBy(spec => (spec.Id, Reporting.ScenarioRecords.KeyOf(spec.Describe()),
                string.Join('|', OptionTable.Settings.Select(o => spec.Scenario.Takes(o) ? o.Format(spec.Settings) : string.Empty))))
            .ToList();
        foreach (var spec in expanded)
        {
            Check(spec.Settings);
            if (spec.Settings.Tls && !spec.Scenario.SupportsTls)
            {
                throw new UsageException($"--tls on: {spec.Id} runs Python Celery peers, which Bench starts for amqp only");
            }
        }

        // --assert replaces a file's thresholds (flags override the file); each is checked now, so a bad one is exit 2.
        var assertions = args.All("assert");
        var fromFile = assertions.Count == 0 && file is not null;
        var thresholds = fromFile ? file!.Thresholds : assertions;
        for (var i = 0; i < thresholds.Count; i++)
        {
            ParseThreshold(thresholds[i], fromFile ? $"{file!.Path}: thresholds[{i}]" : "--assert");
        }

        var suite = file?.Name ?? args.String("suite") ?? (target is not null ? "target" : args.Has("scenario") || args.Has("method") || file is not null ? "custom" : "default");
        return new RunPlan(expanded, suite, amqp, thresholds) { Swept = swept };
    }

    /// <summary>A threshold expression, or one line naming where it came from, and exit 2.</summary>
    public static Reporting.Thresholds.Threshold ParseThreshold(string expression, string source = "--assert")
    {
        try
        {
            return Reporting.Thresholds.Threshold.Parse(expression);
        }
        catch (Reporting.Thresholds.ThresholdFormatException e)
        {
            throw new UsageException(source + ": " + e.Message);
        }
    }

    private static List<ScenarioSpec> BaseSpecs(CliArgs args, ScenarioFile? file, ExternalTarget? target)
    {
        var suite = args.String("suite");
        var scenario = args.String("scenario") ?? file?.Scenario;
        var method = target is null ? args.String("method") : null;
        if (suite is not null && !Suites.Names.Contains(suite))
        {
            throw new UsageException($"--suite must be one of {string.Join(", ", Suites.Names)}, not '{suite}'");
        }

        if (target is not null)
        {
            return (suite ?? scenario) is null ? [new ScenarioSpec(ScenarioCatalog.ForTarget(target), new ScenarioSettings(), target)]
                : throw new UsageException(file is not null ? "--file names its own scenario or target; give --scenario (or --suite) without --file" : "--target runs the target; give --suite or --scenario without it");
        }

        var shorthands = ScenarioCatalog.Own.Where(s => s.MethodShorthand is not null).ToList();
        if (method is not null && shorthands.All(s => s.MethodShorthand != method))
        {
            throw new UsageException($"--method must be {string.Join(", ", shorthands.Select(s => s.MethodShorthand))} (or give --target oslo to call your own service's method), not '{method}'");
        }

        if (suite is not null && (scenario ?? method) is not null)
        {
            throw new UsageException("--suite runs a whole suite; give --scenario/--method without it to run one scenario");
        }

        var ids = scenario?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var own = ScenarioCatalog.Own;
        var source = args.Has("scenario") || file is null ? "--scenario" : $"{file.Path}: scenario:";
        return ids.Length > 0 ? [.. ids.Select(id => own.FirstOrDefault(s => s.Id == id) is { } definition ? new ScenarioSpec(definition, definition.Defaults)
                : throw new UsageException($"{source} must be one of {string.Join(", ", own.Select(s => s.Id))}, not '{id}'"))]
            : method is not null ? [new ScenarioSpec(shorthands.First(s => s.MethodShorthand == method), new ScenarioSettings())]
            : [.. Suites.Get(suite ?? "default")];
    }

    /// <summary>The external target from --target and its flags, over the file's target (a flag replaces the file's field).</summary>
    private static ExternalTarget? Target(CliArgs args, ScenarioFile? file)
    {
        var kind = args.String("target");
        var target = file?.Target;
        if (kind is not null)
        {
            target = target is not null && target.Kind == kind ? target : new ExternalTarget { Kind = kind };
        }

        var given = s_targetFlags.Where(args.Has).ToList();
        var cast = args.Has("cast") && (args.String("cast") is not { } castText || OptionParsers.Bool(castText, "cast"));
        if (target is null)
        {
            return given.Count > 0 || cast ? throw new UsageException($"--{(given.Count > 0 ? given[0] : "cast")} applies to an external target: give --target oslo|celery") : null;
        }

        target = target with
        {
            Topic = args.String("topic") ?? target.Topic,
            Server = args.String("server") ?? target.Server,
            Exchange = args.String("exchange") ?? target.Exchange,
            Namespace = args.String("namespace") ?? target.Namespace,
            Version = args.String("version") ?? target.Version,
            Method = args.String("method") ?? target.Method,
            Args = args.String("args") ?? target.Args,
            Kwargs = args.String("kwargs") ?? target.Kwargs,
            Task = args.String("task") ?? target.Task,
            Queue = args.String("queue") ?? target.Queue,
            Cast = cast || target.Cast,
        };
        ScenarioCatalog.ForTarget(target); // an unknown kind is a usage error
        var (needed, wrong) = target.Kind == "oslo" ? (new[] { ("topic", target.Topic), ("method", target.Method) }, new[] { ("task", target.Task), ("queue", target.Queue), ("kwargs", target.Kwargs) })
            : (new[] { ("task", target.Task) }, new[] { ("topic", target.Topic), ("method", target.Method), ("namespace", target.Namespace), ("version", target.Version), ("server", target.Server), ("exchange", target.Exchange) });
        foreach (var (name, value) in needed)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new UsageException($"--target {target.Kind} needs --{name}");
            }
        }

        foreach (var (name, value) in wrong)
        {
            if (value is not null)
            {
                throw new UsageException($"--{name} does not apply to --target {target.Kind}");
            }
        }

        // A template's error names where it came from: the flag, or the file's field.
        Compile(args.Has("args") || file is null ? "--args" : $"{file.Path}: target.args", target.Args ?? (target.Kind == "oslo" ? "{}" : "[]"),
            target.Kind == "oslo" ? TemplateShape.JsonObject : TemplateShape.JsonArray);
        if (target.Kwargs is { } kwargs)
        {
            Compile(args.Has("kwargs") || file is null ? "--kwargs" : $"{file.Path}: target.kwargs", kwargs, TemplateShape.JsonObject);
        }

        return target;
    }

    private static void Compile(string source, string text, TemplateShape shape)
    {
        try
        {
            ArgsTemplate.Compile(text, shape);
        }
        catch (TemplateException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
    }

    /// <summary>A file's load phases, in order, as one spec each; a warm-up phase is the warm-up of the phase after it.</summary>
    private static IEnumerable<ScenarioSpec> Phases(ScenarioFile file, ScenarioSpec spec)
    {
        double warmUp = 0;
        foreach (var phase in file.Phases)
        {
            if (phase.Kind == "warmup")
            {
                warmUp += phase.DurationSeconds ?? 0;
                continue;
            }

            var s = spec.Settings with { WarmUpSeconds = warmUp, DurationSeconds = phase.DurationSeconds ?? spec.Settings.DurationSeconds, Requests = phase.DurationSeconds is null ? phase.Requests : null };
            warmUp = 0;
            yield return spec with
            {
                Settings = phase.Kind switch
                {
                    "outstanding" => s with { Outstanding = phase.Outstanding ?? 1, Rate = null, RampTo = null, RateOfCapacity = null },
                    "constant" => s with { Rate = phase.Rate, RampTo = null, RateOfCapacity = null },
                    "ramp" => s with { Rate = phase.Rate, RampTo = phase.RampTo, RateOfCapacity = null },
                    _ => throw new UsageException($"{file.Path}: phases: unknown phase '{phase.Kind}'"),
                },
            };
        }
    }

    private static void Check(ScenarioSettings settings)
    {
        if (settings.RampTo is not null && settings.Rate is null)
        {
            throw new UsageException("--ramp-to needs --rate (the rate the ramp starts at)");
        }

        if (settings.RampTo is not null && settings.Requests is not null)
        {
            throw new UsageException("a ramp runs for a duration: give --duration, not --requests");
        }
    }

    private static IReadOnlyList<Func<ScenarioSettings, ScenarioSettings>> InFile(string path, string name, Func<IReadOnlyList<Func<ScenarioSettings, ScenarioSettings>>> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is UsageException or HarnessConfigurationException)
        {
            throw new UsageException($"{path}: settings.{name}: {e.Message}");
        }
    }
}

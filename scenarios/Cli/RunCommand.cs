using System.Globalization;
using Bench.Broker;
using Bench.Load;
using Bench.Reporting;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Rpc.Wire;
using Bench.Scenarios.Catalog;
using Bench.Scenarios.Runs;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench run`: a suite, or one scenario, with settings from flags. A flag given a comma-separated list
/// (--prefetch 1,10,100,unlimited) sweeps it: every combination runs and is recorded. Results go to
/// results/runs/&lt;utc-time&gt;-&lt;sha&gt;/ (or --out): results.json and summary.md. Ctrl-C stops the current scenario,
/// keeps what was measured, marks the run incomplete and exits with 130.
/// </summary>
internal static class RunCommand
{
    public const string Usage = "bench run [--suite default|quick|full|million] [--scenario ID[,ID…]] [--method echo|add|sleep] [--sleep-ms N] [--payload BYTES] " +
        "[--requests N] [--duration S] [--warmup S] [--outstanding N] [--rate N] [--arrivals uniform|poisson] [--repeat N] [--prefetch N|unlimited] [--transport reply-queue|direct] " +
        "[--confirms on|off] [--persistent true|false] [--durable true|false] [--queue-type classic|quorum] [--envelope oslo2|plain] [--ack receipt|after] " +
        "[--route exchange|queue] [--workers N] [--in-process] " +
        "[--celery-worker python|bench] [--celery-client bench|python] [--prefetch-multiplier N|unlimited] [--rate-limits on|off] [--task-rate-limit N/s|none] [--pool solo|prefork[:N]] [--acks-late true|false] [--channels N] [--worker-rate-limit N] [--timeout S] [--amqp URI] [--out DIR] " + RunChecks.Usage;

    public static HashSet<string> Flags { get; } = ["in-process"];

    public static async Task<int> RunAsync(CliArgs args, IReadOnlyList<string> commandLine)
    {
        var specs = Plan(args);
        var repeat = args.String("repeat") is { } r ? ParseInt(r, "repeat", 1, 1000) : 1;
        var amqp = args.String("amqp");
        var outDirectory = args.String("out");
        var suite = args.String("suite") ?? (args.Has("scenario") || args.Has("method") ? "custom" : "default");
        var checks = RunChecks.Parse(args, externalBroker: (amqp ?? Environment.GetEnvironmentVariable(BrokerLease.EnvironmentVariable)) is { Length: > 0 });
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        await using var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
        string brokerVersion;
        await using (var probe = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { ClientName = "bench-probe" }, cancellationToken: signal.Token))
        {
            brokerVersion = probe.BrokerVersion;
        }

        var root = RepositoryRoot();
        var environment = EnvironmentProbe.Capture(broker.Uri.ToString(), brokerVersion, broker.IsPrivate, root);
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + EnvironmentProbe.ShortSha(environment);
        var output = outDirectory ?? Path.Combine(root ?? Environment.CurrentDirectory, "results", "runs", runId);
        var session = new RunSession(broker, brokerVersion, output, new RunResult
        {
            RunId = runId,
            Command = AmqpUri.MaskText("bench " + string.Join(' ', commandLine)),
            Suite = suite,
            StartedAt = startedAt,
            Environment = environment,
        }, message => Console.Error.WriteLine("bench: " + message)) { Faults = checks.Faults };

        Console.WriteLine($"bench run {runId}: {specs.Count} scenario run(s){(repeat > 1 ? $" × {repeat} repetitions, interleaved" : string.Empty)}, suite {suite}, RabbitMQ {brokerVersion} at {broker.Uri}{(broker.IsPrivate ? " (private)" : string.Empty)}");
        var failed = false;
        var display = new ProgressDisplay();
        await display.RunAsync(async d =>
        {
            // Repetitions are interleaved (A B C A B C …), so slow drift on a shared machine hits every variant alike.
            foreach (var (spec, repetition) in Enumerable.Range(1, repeat).SelectMany(rep => specs.Select(spec => (spec, rep))))
            {
                if (signal.Token.IsCancellationRequested)
                {
                    break;
                }

                var settings = string.Join(' ', spec.Settings.Describe(spec.Id).Select(kv => kv.Key + "=" + kv.Value)) + (repeat > 1 ? $" (repetition {repetition}/{repeat})" : string.Empty);
                d.Begin(spec.Id, settings);
                try
                {
                    ScenarioRecord record;
                    var run = ResolveRate(spec, session.Result.Scenarios);
                    if (ScenarioIds.IsCelery(spec.Id))
                    {
                        await using var celery = new CeleryExecution(session, run);
                        record = await celery.RunAsync(d.Update, signal.Token);
                    }
                    else
                    {
                        await using var execution = new ScenarioExecution(session, run);
                        record = await execution.RunAsync(d.Update, signal.Token);
                    }

                    record = record with { Repetition = repetition };
                    session.Add(record);
                    d.Complete(record);
                    failed |= !record.Counts.Accounted;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed = true;
                    d.Fail(spec.Id, AmqpUri.MaskText(e.Message));
                }
            }
        });

        var interrupted = signal.Token.IsCancellationRequested;
        var verdict = interrupted ? null : checks.Verdict(session);
        session.Finish(interrupted || failed, interrupted ? "interrupted by " + signal.Received : failed ? "a scenario failed or was not fully accounted" : null, verdict);
        Console.WriteLine($"results: {session.ResultsPath}");
        Console.WriteLine($"summary: {session.SummaryPath}");
        var report = ReportWriter.Write([session.Result], Path.Combine(session.OutputDirectory, "report.html"), root,
            ReportCommand.LoadHistory(null, root), ReportCommand.LoadBenchmarks(null, root), out var problem);
        Console.WriteLine(report is null ? "bench: " + problem : "report:  " + report);
        if (verdict is not null)
        {
            Console.Error.WriteLine("bench: run failed: " + verdict);
        }

        return interrupted ? 130 : failed || verdict is not null ? 1 : 0;
    }

    /// <summary>
    /// A spec whose rate is a fraction of the drain rate gets its rate from the newest closed-model run of the same
    /// scenario in this run (the flood just before it); the recorded settings keep the fraction.
    /// </summary>
    private static ScenarioSpec ResolveRate(ScenarioSpec spec, IReadOnlyList<ScenarioRecord> done)
    {
        if (spec.Settings.RateOfDrain is not { } fraction)
        {
            return spec;
        }

        var flood = done.LastOrDefault(r => r.Id == spec.Id && r.Model == "closed" && r.Throughput > 0)
            ?? throw new InvalidOperationException($"{spec.Id} at {fraction:0%} of its drain rate needs a closed-model run of {spec.Id} before it in the same run");
        return spec with { Settings = spec.Settings with { Rate = Math.Max(1, Math.Round(flood.Throughput * fraction)) } };
    }

    /// <summary>The scenario runs the flags ask for: a suite, or one scenario, crossed with every listed setting value.</summary>
    internal static List<ScenarioSpec> Plan(CliArgs args)
    {
        var suite = args.String("suite");
        var scenario = args.String("scenario");
        var method = args.String("method");
        if (suite is not null && !Suites.Names.Contains(suite))
        {
            throw new UsageException($"--suite must be one of {string.Join(", ", Suites.Names)}, not '{suite}'");
        }

        var scenarios = scenario?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        foreach (var id in scenarios)
        {
            if (!ScenarioIds.All.Contains(id))
            {
                throw new UsageException($"--scenario must be one of {string.Join(", ", ScenarioIds.All)}, not '{id}'");
            }
        }

        if (method is not null && method is not ("echo" or "add" or "sleep"))
        {
            throw new UsageException($"--method must be echo, add or sleep, not '{method}'");
        }

        if (suite is not null && (scenario ?? method) is not null)
        {
            throw new UsageException("--suite runs a whole suite; give --scenario/--method without it to run one scenario");
        }

        // A raw baseline run on its own sends what call.add sends as arguments ({"x": 4, "y": 4}: 16 bytes), not the
        // 1 KiB echo payload, so `--scenario raw.call` is call.add's baseline unless --payload says otherwise.
        var rawDefault = new ScenarioSettings { PayloadBytes = Payloads.Payloads.Add.Json.Length };
        List<ScenarioSpec> specs = scenarios.Length > 0 ? [.. scenarios.Select(id => new ScenarioSpec(id, ScenarioIds.IsRaw(id) ? rawDefault : new ScenarioSettings()))]
            : method is not null ? [new ScenarioSpec("call." + method, new ScenarioSettings())]
            : [.. Suites.Get(suite ?? "default")];

        // Settings that apply to every spec, each possibly a list (a sweep).
        var sweeps = new List<Func<ScenarioSettings, IEnumerable<ScenarioSettings>>>
        {
            Sweep(args, "outstanding", v => ParseInt(v, "outstanding", 1, 100_000), (s, v) => s with { Outstanding = v, Rate = null }),
            Sweep(args, "rate", v => ParseDouble(v, "rate", 0.001, 10_000_000), (s, v) => s with { Rate = v }),
            Sweep(args, "arrivals", v => Choice(v, "arrivals", ("uniform", Arrivals.Uniform), ("poisson", Arrivals.Poisson)), (s, v) => s with { Arrivals = v }),
            Sweep(args, "payload", v => ParseInt(v, "payload", 0, 64 << 20), (s, v) => s with { PayloadBytes = v }),
            Sweep(args, "sleep-ms", v => ParseInt(v, "sleep-ms", 0, 3_600_000), (s, v) => s with { SleepMs = v }),
            Sweep(args, "prefetch", v => v == "unlimited" ? (ushort)0 : (ushort)ParseInt(v, "prefetch", 0, ushort.MaxValue), (s, v) => s with { Prefetch = v }),
            Sweep(args, "transport", v => Choice(v, "transport", ("reply-queue", ReplyTransport.ReplyQueue), ("direct", ReplyTransport.DirectReplyTo)), (s, v) => s with { Transport = v }),
            Sweep(args, "confirms", v => Choice(v, "confirms", ("on", true), ("off", false)), (s, v) => s with { Confirms = v }),
            Sweep(args, "persistent", v => Choice(v, "persistent", ("true", true), ("false", false)), (s, v) => s with { Persistent = v }),
            Sweep(args, "durable", v => Choice(v, "durable", ("true", true), ("false", false)), (s, v) => s with { Durable = v }),
            Sweep(args, "queue-type", v => Choice(v, "queue-type", ("classic", QueueKind.Classic), ("quorum", QueueKind.Quorum)), (s, v) => s with { QueueType = v }),
            Sweep(args, "envelope", v => Choice(v, "envelope", ("oslo2", EnvelopeFormat.Oslo2), ("plain", EnvelopeFormat.Plain)), (s, v) => s with { Envelope = v }),
            Sweep(args, "ack", v => Choice(v, "ack", ("receipt", AckMode.OnReceipt), ("after", AckMode.AfterHandling)), (s, v) => s with { Ack = v }),
            Sweep(args, "celery-worker", v => Choice(v, "celery-worker", ("python", "python"), ("bench", "bench")), (s, v) => s with { CeleryWorker = v }),
            Sweep(args, "celery-client", v => Choice(v, "celery-client", ("bench", "bench"), ("python", "python")), (s, v) => s with { CeleryClient = v }),
            Sweep(args, "prefetch-multiplier", v => v == "unlimited" ? 0 : ParseInt(v, "prefetch-multiplier", 0, 65_535), (s, v) => s with { PrefetchMultiplier = v }),
            Sweep(args, "rate-limits", v => Choice(v, "rate-limits", ("on", true), ("off", false)), (s, v) => s with { CeleryRateLimits = v }),
            Sweep(args, "task-rate-limit", v => v == "none" ? null : v, (s, v) => s with { TaskRateLimit = v }),
            Sweep(args, "pool", v => v == "solo" ? ("solo", 1) : v.StartsWith("prefork", StringComparison.Ordinal) ? ("prefork", v.Length > 8 ? ParseInt(v[8..], "pool", 1, 64) : 2)
                : throw new UsageException($"--pool must be solo or prefork[:N], not '{v}'"), (s, v) => s with { Pool = v.Item1, Concurrency = v.Item2 }),
            Sweep(args, "acks-late", v => Choice(v, "acks-late", ("true", true), ("false", false)), (s, v) => s with { AcksLate = v }),
            Sweep(args, "route", v => Choice(v, "route", ("exchange", "exchange"), ("queue", "queue")), (s, v) => s with { Route = v }),
            Sweep(args, "workers", v => ParseInt(v, "workers", 1, 64), (s, v) => s with { Workers = v }),
            Sweep(args, "channels", v => ParseInt(v, "channels", 1, 1024), (s, v) => s with { Channels = v }),
            Sweep(args, "worker-rate-limit", v => v == "off" ? (double?)null : ParseDouble(v, "worker-rate-limit", 0.001, 10_000_000), (s, v) => s with { WorkerRateLimit = v }),
            Sweep(args, "requests", v => (long)ParseDouble(v, "requests", 1, 1e12), (s, v) => s with { Requests = v }),
            Sweep(args, "duration", v => ParseDouble(v, "duration", 0.1, 86_400), (s, v) => s with { DurationSeconds = v, Requests = null }),
            Sweep(args, "warmup", v => ParseDouble(v, "warmup", 0, 3600), (s, v) => s with { WarmUpSeconds = v }),
            Sweep(args, "timeout", v => ParseDouble(v, "timeout", 0.001, 3600), (s, v) => s with { TimeoutSeconds = v }),
        };
        var inProcess = args.Has("in-process");
        var expanded = specs.SelectMany(spec => sweeps.Aggregate(
            (IEnumerable<ScenarioSettings>)[inProcess ? spec.Settings with { InProcess = true } : spec.Settings],
            (all, sweep) => all.SelectMany(sweep)).Select(settings => spec with { Settings = settings })).ToList();
        return expanded;
    }

    private static Func<ScenarioSettings, IEnumerable<ScenarioSettings>> Sweep<T>(CliArgs args, string name, Func<string, T> parse, Func<ScenarioSettings, T, ScenarioSettings> apply)
    {
        var text = args.String(name);
        if (text is null)
        {
            return s => [s];
        }

        var values = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(parse).ToList();
        if (values.Count == 0)
        {
            throw new UsageException($"--{name} needs a value");
        }

        return s => values.Select(v => apply(s, v));
    }

    private static int ParseInt(string text, string name, int min, int max) =>
        int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new UsageException($"--{name} must be an integer from {min} to {max}, not '{text}'");

    private static double ParseDouble(string text, string name, double min, double max) =>
        double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new UsageException($"--{name} must be a number from {min} to {max}, not '{text}'");

    private static T Choice<T>(string text, string name, params (string Name, T Value)[] choices)
    {
        foreach (var (key, value) in choices)
        {
            if (key == text)
            {
                return value;
            }
        }

        throw new UsageException($"--{name} must be one of {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
    }

    /// <summary>The repository root (the folder with Bench.sln) above the current directory, where results/ lives.</summary>
    internal static string? RepositoryRoot() => Bench.Load.RepositoryRoot.Find();
}

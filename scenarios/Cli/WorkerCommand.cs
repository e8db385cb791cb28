using System.Globalization;
using Bench.Broker;
using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Workers;
using Bench.Rpc.Raw;
using Bench.Rpc.Server;
using Bench.Scenarios.Baseline;
using Bench.Scenarios.Catalog;
using Microsoft.Extensions.Logging;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench worker`: a supervisor-friendly worker process (foreground, logs to stdout, SIGTERM = soft shutdown) that
/// hosts the benchmark manager (echo, add, sleep, fail, count) on a topic with oslo.messaging's topology; with --raw
/// it also serves the plain RabbitMQ.Client baseline on queue T.raw.
/// </summary>
internal static class WorkerCommand
{
    public const string Usage = "bench worker --topic T [--server H] [--prefetch N|unlimited] [--ack receipt|after] [--queue-type classic|quorum] [--durable true|false] " +
        "[--handler-timeout S] [--rate-limit METHOD=N] [--raw] [--conductor] … | bench worker --celery [--topic QUEUE] [--prefetch-multiplier N] [--acks-late true|false] [--raw] … (bench worker --help lists every option)";

    public static HashSet<string> Flags { get; } = [.. CommandOptions.Flags(OptionScope.Worker | OptionScope.CeleryWorker), "help"];

    public static async Task<int> RunAsync(CliArgs args)
    {
        if (args.Has("help"))
        {
            Console.WriteLine(OptionHelp.Render("usage: " + Usage, OptionScope.Worker | OptionScope.CeleryWorker));
            return 0;
        }

        if (args.Has("celery"))
        {
            return await RunCeleryAsync(args);
        }

        var settings = Settings(args, OptionScope.Worker);
        var options = WorkerSettings.ServiceOptions(settings, args.Required("topic"), args.String("server") ?? Environment.MachineName, ParseRateLimit(args.String("rate-limit"))) with
        {
            ControlExchange = args.String("exchange") ?? "openstack",
            MaxConcurrency = (int)(args.Int64("concurrency", 1, 100_000) ?? 64),
            ReportInterval = TimeSpan.FromSeconds(args.Double("report-interval", 0.01, 86_400) ?? 10),
        };
        var raw = args.Has("raw");
        var conductor = args.Has("conductor");
        await using var host = await WorkerHost.StartAsync(args);
        var (signal, logs, broker) = (host.Signal, host.Logs, host.Broker);
        var logger = logs.CreateLogger("bench.worker");
        logger.LogInformation("Broker {Uri}{Private}", broker.Uri, broker.IsPrivate ? " (private)" : string.Empty);
        var casts = new OneWayStats();
        var rawCasts = raw ? new OneWayStats() : null;
        var manager = new BenchManager(casts, rawCasts);
        // Fault runs: every cast delivered is written where a SIGKILL cannot take it back (see CastLedgerFile).
        using var ledger = Environment.GetEnvironmentVariable(CastLedgerFile.EnvironmentVariable) is { Length: > 0 } ledgerDirectory
            ? new CastLedgerFile(Path.Combine(ledgerDirectory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".ledger"))
            : null;
        if (ledger is not null)
        {
            options = options with { OnCastDelivered = ledger.Record };
        }

        // --conductor: Nova's conductor for the object scenarios instead of the benchmark manager.
        Rpc.Manager hosted = conductor ? NovaConductor.Create() : manager;
        var service = await Service.StartAsync(broker.Uri.Uri, hosted, options, logs.CreateLogger("bench.service"), signal.Token);
        service.CastReceived = casts.Record;
        manager.RejectedCount = () => service.DeadLettered + service.Failures;
        RawEchoServer? rawServer = null;
        if (rawCasts is not null)
        {
            rawServer = await RawEchoServer.StartAsync(broker.Uri.Uri, options.Topic + ".raw", options.ControlExchange, options.Prefetch, options.Durable, rawCasts.Record, signal.Token, quorum: options.QueueKind == QueueKind.Quorum, ackAfter: options.AckMode == AckMode.AfterHandling);
        }

        await host.ServeUntilStoppedAsync();
        logger.LogInformation("{Signal}: soft shutdown", signal.Received?.ToString() ?? "stop");

        if (rawServer is not null)
        {
            await rawServer.DisposeAsync();
        }

        await service.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// A Celery worker serving the benchmark manager's methods as tasks.add, tasks.sleep, tasks.fail, tasks.count; with
    /// --raw, the plain RabbitMQ.Client baseline on the same queue instead.
    /// </summary>
    private static async Task<int> RunCeleryAsync(CliArgs args)
    {
        var settings = Settings(args, OptionScope.CeleryWorker);
        var options = new Rpc.Celery.CeleryWorkerOptions
        {
            Queue = args.String("topic") ?? "celery",
            Concurrency = (int)(args.Int64("concurrency", 1, 1024) ?? 1),
            PrefetchMultiplier = settings.PrefetchMultiplier,
            AcksLate = settings.AcksLate,
            RateLimits = ParseRateLimit(args.String("rate-limit")),
            ClientName = "bench-celery-worker:" + (args.String("server") ?? Environment.MachineName),
        };
        var (controlTopic, server) = (args.String("control-topic"), args.String("server") ?? Environment.MachineName);
        var raw = args.Has("raw");
        if (raw && options.RateLimits.Count > 0)
        {
            throw new UsageException("--raw serves the Celery baseline, which runs no task: it takes no --rate-limit");
        }

        await using var host = await WorkerHost.StartAsync(args);
        var manager = new BenchManager(new OneWayStats());
        IAsyncDisposable worker = raw
            ? await RawCeleryWorker.StartAsync(host.Broker.Uri.Uri, options, host.Logs.CreateLogger("bench.celery"), host.Signal.Token)
            : await Rpc.Celery.CeleryWorker.StartAsync(host.Broker.Uri.Uri, manager, options, host.Logs.CreateLogger("bench.celery"), host.Signal.Token);
        // A run asks its workers how far their JIT has got (the warm-up waits for it) over oslo, beside the task queue.
        var control = controlTopic is not null
            ? await Service.StartAsync(host.Broker.Uri.Uri, manager, new ServiceOptions { Topic = controlTopic, Host = server }, host.Logs.CreateLogger("bench.control"), host.Signal.Token)
            : null;
        await host.ServeUntilStoppedAsync();
        await worker.DisposeAsync();
        if (control is not null)
        {
            await control.DisposeAsync();
        }

        return 0;
    }

    /// <summary>The worker's settings from the options table (the same names, values and defaults as bench run's).</summary>
    private static ScenarioSettings Settings(CliArgs args, OptionScope scope)
    {
        var settings = new ScenarioSettings();
        foreach (var option in OptionTable.Settings.Where(o => (o.Scope & scope) != 0))
        {
            if (args.String(option.Name) is { } text)
            {
                settings = option.ApplyOne(settings, text);
            }
        }

        return settings;
    }

    private static Dictionary<string, double> ParseRateLimit(string? text)
    {
        var limits = new Dictionary<string, double>(StringComparer.Ordinal);
        if (text is null)
        {
            return limits;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..].Replace("/s", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            {
                throw new UsageException($"--rate-limit takes METHOD=PER_SECOND (e.g. add=100), not '{part}'");
            }

            limits[part[..eq]] = rate;
        }

        return limits;
    }
}

using System.Globalization;
using Bench.Broker;
using Bench.Rpc.Server;
using Bench.Scenarios.Workers;
using Microsoft.Extensions.Logging;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench worker`: a supervisor-friendly worker process (foreground, logs to stdout, SIGTERM = soft shutdown) that
/// hosts the benchmark manager (echo, add, sleep, fail, count) on a topic with oslo.messaging's topology; with --raw
/// it also serves the plain RabbitMQ.Client baseline on queue T.raw.
/// </summary>
internal static class WorkerCommand
{
    public const string ReadyLine = "bench-worker-ready";

    public const string Usage = "bench worker --topic T [--server H] [--exchange X] [--amqp URI] [--prefetch N] [--ack receipt|after] [--concurrency N] " +
        "[--queue-type classic|quorum] [--durable] [--rate-limit METHOD=PER_SECOND] [--raw] [--conductor] [--report-interval S] [--handler-timeout S] [--quiet] " +
        "| bench worker --celery [--topic QUEUE] [--server NAME] [--concurrency N] [--prefetch-multiplier N] [--acks-late] [--rate-limit TASK=PER_SECOND] [--amqp URI]";

    private static readonly Dictionary<string, AckMode> s_ackModes = new() { ["receipt"] = AckMode.OnReceipt, ["after"] = AckMode.AfterHandling };
    private static readonly Dictionary<string, QueueKind> s_queueKinds = new() { ["classic"] = QueueKind.Classic, ["quorum"] = QueueKind.Quorum };

    public static HashSet<string> Flags { get; } = ["durable", "raw", "quiet", "celery", "acks-late", "conductor"];

    public static async Task<int> RunAsync(CliArgs args)
    {
        if (args.Has("celery"))
        {
            return await RunCeleryAsync(args);
        }

        var options = new ServiceOptions
        {
            Topic = args.Required("topic"),
            Host = args.String("server") ?? Environment.MachineName,
            ControlExchange = args.String("exchange") ?? "openstack",
            Prefetch = (ushort)(args.Int64("prefetch", 0, ushort.MaxValue) ?? 0),
            AckMode = args.Enum("ack", s_ackModes) ?? AckMode.OnReceipt,
            MaxConcurrency = (int)(args.Int64("concurrency", 1, 100_000) ?? 64),
            ReportInterval = TimeSpan.FromSeconds(args.Double("report-interval", 0.01, 86_400) ?? 10),
            QueueKind = args.Enum("queue-type", s_queueKinds) ?? QueueKind.Classic,
            Durable = args.Has("durable"),
            RateLimits = ParseRateLimit(args.String("rate-limit")),
            HandlerTimeout = args.Double("handler-timeout", 0.001, 86_400) is { } handlerTimeout ? TimeSpan.FromSeconds(handlerTimeout) : null,
        };
        var raw = args.Has("raw");
        var conductor = args.Has("conductor");
        var quiet = args.Has("quiet");
        var amqp = args.String("amqp");
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        using var logs = ConsoleLog.Create(quiet ? LogLevel.Warning : LogLevel.Information);
        var logger = logs.CreateLogger("bench.worker");
        await using var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
        if (broker.PrivateBroker is { } node)
        {
            // First line of stdout, as `bench broker` does, so a script can point clients at this worker's private node.
            Console.WriteLine(node.Uri.Uri.OriginalString);
        }

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
        Rpc.Manager hosted = conductor ? Objects.ObjectScenarios.CreateConductor() : manager;
        var service = await Service.StartAsync(broker.Uri.Uri, hosted, options, logs.CreateLogger("bench.service"), signal.Token);
        service.CastReceived = casts.Record;
        manager.RejectedCount = () => service.DeadLettered + service.Failures;
        RawEchoServer? rawServer = null;
        if (rawCasts is not null)
        {
            rawServer = await RawEchoServer.StartAsync(broker.Uri.Uri, options.Topic + ".raw", options.ControlExchange, options.Prefetch, options.Durable, rawCasts, signal.Token, quorum: options.QueueKind == QueueKind.Quorum, ackAfter: options.AckMode == AckMode.AfterHandling);
        }

        // A parent process (a scenario) waits for this line before it sends anything.
        Console.WriteLine(ReadyLine);
        try
        {
            await Task.Delay(Timeout.Infinite, signal.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("{Signal}: soft shutdown", signal.Received?.ToString() ?? "stop");
        }

        if (rawServer is not null)
        {
            await rawServer.DisposeAsync();
        }

        await service.DisposeAsync();
        return 0;
    }

    /// <summary>A Celery worker serving the benchmark manager's methods as tasks.add, tasks.sleep, tasks.fail, tasks.count.</summary>
    private static async Task<int> RunCeleryAsync(CliArgs args)
    {
        var options = new Rpc.Celery.CeleryWorkerOptions
        {
            Queue = args.String("topic") ?? "celery",
            Concurrency = (int)(args.Int64("concurrency", 1, 1024) ?? 1),
            PrefetchMultiplier = (int)(args.Int64("prefetch-multiplier", 0, 65_535) ?? 4),
            AcksLate = args.Has("acks-late"),
            RateLimits = ParseRateLimit(args.String("rate-limit")),
            ClientName = "bench-celery-worker:" + (args.String("server") ?? Environment.MachineName),
        };
        var quiet = args.Has("quiet");
        var amqp = args.String("amqp");
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        using var logs = ConsoleLog.Create(quiet ? LogLevel.Warning : LogLevel.Information);
        await using var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
        if (broker.PrivateBroker is { } node)
        {
            Console.WriteLine(node.Uri.Uri.OriginalString);
        }

        var worker = await Rpc.Celery.CeleryWorker.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), options, logs.CreateLogger("bench.celery"), signal.Token);
        Console.WriteLine(ReadyLine);
        try
        {
            await Task.Delay(Timeout.Infinite, signal.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await worker.DisposeAsync();
        return 0;
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

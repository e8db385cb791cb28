using Bench.Broker;
using Bench.Rpc.Server;
using Bench.Rpc.Workers;
using Microsoft.Extensions.Logging;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench worker`: a supervisor-friendly worker process (foreground, logs to stdout, SIGTERM = soft shutdown) that
/// hosts the benchmark manager (echo, add, sleep, fail) on a topic with oslo.messaging's topology.
/// </summary>
internal static class WorkerCommand
{
    public const string Usage = "bench worker --topic T [--server H] [--exchange X] [--amqp URI] [--prefetch N] [--ack receipt|after] [--concurrency N] [--report-interval S]";

    private static readonly Dictionary<string, AckMode> s_ackModes = new() { ["receipt"] = AckMode.OnReceipt, ["after"] = AckMode.AfterHandling };

    public static async Task<int> RunAsync(CliArgs args)
    {
        var options = new ServiceOptions
        {
            Topic = args.Required("topic"),
            Host = args.String("server") ?? Environment.MachineName,
            ControlExchange = args.String("exchange") ?? "openstack",
            Prefetch = (ushort)(args.Int64("prefetch", 0, ushort.MaxValue) ?? 0),
            AckMode = args.Enum("ack", s_ackModes) ?? AckMode.OnReceipt,
            MaxConcurrency = (int)(args.Int64("concurrency", 1, 100_000) ?? 64),
            ReportInterval = TimeSpan.FromSeconds(args.Double("report-interval", 0.01, 86_400) ?? 10),
        };
        var amqp = args.String("amqp");
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        using var logs = ConsoleLog.Create();
        var logger = logs.CreateLogger("bench.worker");
        await using var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
        if (broker.PrivateBroker is { } node)
        {
            // First line of stdout, as `bench broker` does, so a script can point clients at this worker's private node.
            Console.WriteLine(node.Uri.Uri.OriginalString);
        }

        logger.LogInformation("Broker {Uri}{Private}", broker.Uri, broker.IsPrivate ? " (private)" : string.Empty);
        var service = await Service.StartAsync(broker.Uri.Uri, new BenchManager(), options, logs.CreateLogger("bench.service"), signal.Token);
        service.Reported += beat => logger.LogDebug("report {Count}", beat.ReportCount);
        try
        {
            await Task.Delay(Timeout.Infinite, signal.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("{Signal}: soft shutdown", signal.Received?.ToString() ?? "stop");
        }

        await service.DisposeAsync();
        return 0;
    }
}

using Bench.Broker;
using Bench.Harness.Workers;
using Microsoft.Extensions.Logging;

namespace Bench.Scenarios.Cli;

/// <summary>
/// What both `bench worker` kinds (oslo and Celery) stand on: the stop signal (SIGTERM, Ctrl-C), console logs
/// (--quiet: warnings only) and the broker (--amqp, else a private node whose URI is the first line of stdout, as
/// `bench broker` prints it, so a script can point clients at this worker's node). Taken once every flag is read.
/// </summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(ShutdownSignal signal, ILoggerFactory logs, BrokerLease broker) => (Signal, Logs, Broker) = (signal, logs, broker);

    public ShutdownSignal Signal { get; }

    public ILoggerFactory Logs { get; }

    public BrokerLease Broker { get; }

    /// <summary>Reads --quiet, --amqp and --ca-cert, refuses any flag not read by then (one line, exit 2), and starts.</summary>
    public static async Task<WorkerHost> StartAsync(CliArgs args)
    {
        var quiet = args.Has("quiet");
        var amqp = args.String("amqp");
        BrokerTrust.Use(args.String("ca-cert"));
        args.EnsureAllUsed();

        var signal = new ShutdownSignal();
        var logs = ConsoleLog.Create(quiet ? LogLevel.Warning : LogLevel.Information);
        try
        {
            var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
            if (broker.PrivateBroker is { } node)
            {
                Console.WriteLine(node.Uri.Uri.OriginalString);
            }

            return new WorkerHost(signal, logs, broker);
        }
        catch
        {
            logs.Dispose();
            signal.Dispose();
            throw;
        }
    }

    /// <summary>Prints the ready line a parent process (a scenario) waits for before it sends anything, then waits for the stop signal.</summary>
    public async Task ServeUntilStoppedAsync()
    {
        Console.WriteLine(WorkerProcess.ReadyLine);
        try
        {
            await Task.Delay(Timeout.Infinite, Signal.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Logs.Dispose();
        Signal.Dispose();
    }
}

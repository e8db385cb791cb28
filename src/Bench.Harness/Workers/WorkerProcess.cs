using System.Diagnostics;
using Bench.Broker;

namespace Bench.Harness.Workers;

/// <summary>
/// A `bench worker` child process (the default for measurements: client and worker do not share a runtime). It is
/// the same executable as the CLI; the parent waits for its ready line and stops it with SIGTERM (soft shutdown).
/// The process handling itself is <see cref="ChildProcess"/>'s.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private WorkerProcess(ChildProcess process, string server)
    {
        Process = process;
        Server = server;
    }

    /// <summary>What `bench worker` prints when it serves: the parent sends nothing before it.</summary>
    public const string ReadyLine = "bench-worker-ready";

    public string Server { get; }

    public ChildProcess Process { get; }

    public int ProcessId => Process.ProcessId;

    /// <summary>
    /// Starts a worker; <paramref name="environment"/> carries the broker URI (BENCH_AMQP_URI), so no credential is on a
    /// command line. With <paramref name="logPath"/> its output is also written there as it comes.
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(IEnumerable<string> workerArguments, string server, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, string? logPath = null)
    {
        var process = ChildProcess.Start(StartInfo(workerArguments, server, environment), "worker " + server, line => line == ReadyLine, logPath);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return new WorkerProcess(process, server);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    internal static ProcessStartInfo StartInfo(IEnumerable<string> workerArguments, string server, IReadOnlyDictionary<string, string> environment) =>
        SelfProcess.StartInfo(["worker", .. workerArguments, "--server", server], environment);
}

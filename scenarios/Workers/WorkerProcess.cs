using System.Diagnostics;
using System.Text;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios.Workers;

/// <summary>
/// A `bench worker` child process (the default for measurements: client and worker do not share a runtime). It is
/// the same executable as the CLI; the parent waits for its ready line and stops it with SIGTERM (soft shutdown).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string server)
    {
        _process = process;
        Server = server;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Server { get; }

    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a worker; <paramref name="environment"/> carries the broker URI (BENCH_AMQP_URI), so no credential is on a command line.</summary>
    public static async Task<WorkerProcess> StartAsync(IEnumerable<string> workerArguments, string server, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("no executable path for this process"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        // Run through `dotnet bench.dll` if this process is not the apphost (e.g. under a test host).
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("worker");
        foreach (var argument in workerArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--server");
        start.ArgumentList.Add(server);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var worker = new WorkerProcess(Process.Start(start)!, server);
        var waited = await Task.WhenAny(worker._ready.Task, worker._process.WaitForExitAsync(cancellationToken), Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (waited != worker._ready.Task)
        {
            var log = worker.Log;
            await worker.DisposeAsync();
            throw new InvalidOperationException($"worker {server} did not start:{Environment.NewLine}{log}");
        }

        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(false); // SIGTERM: the worker drains and exits
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 1 << 20)
            {
                _log.AppendLine(line);
            }
        }

        if (line == WorkerCommand.ReadyLine)
        {
            _ready.TrySetResult();
        }
    }
}

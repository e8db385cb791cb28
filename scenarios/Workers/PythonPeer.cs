using System.Diagnostics;
using System.Text;

namespace Bench.Scenarios.Workers;

/// <summary>
/// A real Python peer (Celery) started as part of a scenario, with Debian's /usr/bin/python3 (the python3 first on
/// PATH may be a build that cannot import it). Its output is kept in a log file beside the results; stopping sends
/// SIGTERM (a Celery worker's warm shutdown).
/// </summary>
internal sealed class PythonPeer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _readyText;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _tail = new();

    private PythonPeer(Process process, StreamWriter log, string readyText)
    {
        _process = process;
        _log = log;
        _readyText = readyText;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts `python3 ARGS` in <paramref name="directory"/> and waits until <paramref name="isReady"/> says so (or, without
    /// it, for a line containing <paramref name="readyText"/>). A peer that exits first fails with its log's tail.
    /// </summary>
    public static async Task<PythonPeer> StartAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string readyText, string logPath, CancellationToken cancellationToken, Func<Task<bool>>? isReady = null)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var peer = new PythonPeer(Process.Start(start) ?? throw new InvalidOperationException("could not start " + Python), new StreamWriter(logPath) { AutoFlush = true }, readyText);
        if (isReady is not null)
        {
            _ = PollAsync(peer, isReady, cancellationToken);
        }

        var waited = await Task.WhenAny(peer._ready.Task, peer._process.WaitForExitAsync(cancellationToken), Task.Delay(TimeSpan.FromSeconds(90), cancellationToken));
        if (waited != peer._ready.Task)
        {
            var tail = peer.Tail();
            await peer.DisposeAsync();
            throw new InvalidOperationException($"python peer did not become ready (log: {logPath}):{Environment.NewLine}{tail}");
        }

        return peer;
    }

    private static async Task PollAsync(PythonPeer peer, Func<Task<bool>> isReady, CancellationToken cancellationToken)
    {
        while (!peer._process.HasExited && !cancellationToken.IsCancellationRequested)
        {
            if (await isReady())
            {
                peer._ready.TrySetResult();
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Tail()
    {
        lock (_tail)
        {
            return _tail.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(false); // SIGTERM
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        lock (_tail)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 8000)
            {
                _tail.Remove(0, _tail.Length - 8000);
            }
        }

        if (line.Contains(_readyText, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bench.Broker;

/// <summary>
/// A child process Bench owns: a RabbitMQ tool, a `bench worker`, a Python peer. Its stdout and stderr are read line by
/// line into a bounded copy (and, if asked, a log file), it can be waited on until a line or a probe says it is ready,
/// signalled (fault injection) and stopped softly (stdin closed or SIGTERM) with a hard kill after a grace period.
/// It lives here, the lowest library that starts processes, so the broker, the CLI's workers and the tests share it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 1 << 20;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StreamWriter? _log;
    private readonly Func<string, bool>? _isReadyLine;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildStop _stop;
    private int _disposed;

    private ChildProcess(Process process, string name, Func<string, bool>? isReadyLine, string? logPath, ChildStop stop)
    {
        _process = process;
        Name = name;
        _isReadyLine = isReadyLine;
        _stop = stop;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            _log = new StreamWriter(logPath) { AutoFlush = true };
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What reports call it ("worker w0", "celery worker").</summary>
    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; .NET reports a process ended by signal N as 128 + N.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What it printed (stdout and stderr interleaved): all of it, or the most recent 0.5–1 MiB.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a process with its output, error and input redirected (stdin stays open: some children stop when it closes).</summary>
    public static ChildProcess Start(ProcessStartInfo start, string name, Func<string, bool>? isReadyLine = null, string? logPath = null, ChildStop stop = ChildStop.Terminate)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        return new ChildProcess(process, name, isReadyLine, logPath, stop);
    }

    /// <summary>Runs a process to completion and returns its exit code, stdout and stderr; killed (and TimeoutException) past <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(start.FileName)} did not finish within {timeout.TotalSeconds:0} s: {(await stderr).Trim()}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Waits until a line says it is ready (or <paramref name="probe"/> does). A child that exits first, or takes longer
    /// than <paramref name="timeout"/>, is stopped and the wait fails with the tail of its output.
    /// </summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken, Func<Task<bool>>? probe = null)
    {
        using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = probe is null ? Task.CompletedTask : ProbeAsync(probe, stopProbe.Token);
        Task waited;
        try
        {
            waited = await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(cancellationToken), Task.Delay(timeout, cancellationToken));
        }
        finally
        {
            await stopProbe.CancelAsync();
            await probing.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (waited != _ready.Task)
        {
            var tail = Tail(40);
            var exit = HasExited ? " (" + DescribeExit() + ")" : string.Empty;
            await DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"{Name} did not become ready{exit}:{Environment.NewLine}{tail}");
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>"exit code 3" or "killed by signal 9 (SIGKILL)".</summary>
    public string DescribeExit()
    {
        var code = _process.ExitCode;
        return code > 128 && code < 128 + 65
            ? string.Create(CultureInfo.InvariantCulture, $"killed by signal {code - 128}{SignalName(code - 128)}")
            : string.Create(CultureInfo.InvariantCulture, $"exit code {code}");
    }

    /// <summary>Sends a signal (KILL, STOP, CONT, TERM…) with kill(1); fault injection uses it.</summary>
    public async Task SignalAsync(string signal)
    {
        var start = new ProcessStartInfo("kill");
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add(_process.Id.ToString(CultureInfo.InvariantCulture));
        var (exitCode, _, stderr) = await RunAsync(start, TimeSpan.FromSeconds(10));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed: {stderr.Trim()}");
        }
    }

    /// <summary>Kills it and its children at once (no soft stop); a process already gone is not an error.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of its output.</summary>
    public string Tail(int lines)
    {
        var all = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)).Select(l => l.TrimEnd('\r')));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(_stop == ChildStop.CloseInput ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30));
        _process.Dispose();
        if (_log is not null)
        {
            lock (_output)
            {
                _log.Dispose();
            }
        }
    }

    private async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            if (_stop == ChildStop.CloseInput)
            {
                _process.StandardInput.Close();
            }
            else
            {
                _process.Kill(entireProcessTree: false); // SIGTERM: a soft shutdown
            }

            using var timeout = new CancellationTokenSource(grace);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill();
        }
    }

    private async Task ProbeAsync(Func<Task<bool>> probe, CancellationToken cancellationToken)
    {
        while (!_process.HasExited && !cancellationToken.IsCancellationRequested)
        {
            if (await probe())
            {
                _ready.TrySetResult();
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the recent half when it grows past the bound: what a report wants is the last lines.
            if (_output.Length > MaxOutputChars)
            {
                _output.Remove(0, _output.Length - (MaxOutputChars / 2));
            }

            _output.AppendLine(line);

            _log?.WriteLine(line);
        }

        if (_isReadyLine?.Invoke(line) == true)
        {
            _ready.TrySetResult();
        }
    }

    private static string SignalName(int signal) => signal switch
    {
        9 => " (SIGKILL)",
        15 => " (SIGTERM)",
        6 => " (SIGABRT)",
        11 => " (SIGSEGV)",
        2 => " (SIGINT)",
        _ => string.Empty,
    };
}

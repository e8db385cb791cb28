using System.Diagnostics;
using System.Text;

namespace Bench.Testing;

/// <summary>
/// A real Python peer (oslo.messaging or Celery) run with Debian's /usr/bin/python3 — the python3 first on PATH may be
/// a build that cannot import them. Servers print "ready" when they consume and exit when their stdin closes.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _readyText;

    private PeerProcess(Process process, string? readyText)
    {
        _process = process;
        _readyText = readyText;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    /// <summary>Starts a long-running peer script and waits for its "ready" line (or a line containing <paramref name="readyText"/>).</summary>
    public static async Task<PeerProcess> StartAsync(string script, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null, string? readyText = null)
    {
        var start = StartInfo(script, arguments);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var peer = new PeerProcess(Process.Start(start)!, readyText);
        var waited = await Task.WhenAny(peer._ready.Task, peer._process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(60)));
        if (waited != peer._ready.Task)
        {
            var output = peer.Output;
            await peer.DisposeAsync();
            throw new InvalidOperationException($"{script} did not become ready:{Environment.NewLine}{output}");
        }

        return peer;
    }

    /// <summary>Runs a peer script to completion and returns its stdout lines (stderr is kept for the failure message).</summary>
    public static async Task<string[]> RunAsync(string script, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = StartInfo(script, arguments);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish: {await stderr}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited {process.ExitCode}: {await stderr}");
        }

        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the peer's signal to stop cleanly
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments)
    {
        // Shell scripts (a Celery worker's launcher) run under bash; everything else under Debian's Python.
        var start = new ProcessStartInfo(script.EndsWith(".sh", StringComparison.Ordinal) ? "bash" : Python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepoRoot.Path, "scripts", "peers", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        return start;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (_readyText is null ? line.Trim() == "ready" : line.Contains(_readyText, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}

using System.Diagnostics;
using Bench.Broker;

namespace Bench.Testing;

/// <summary>
/// Real Python peers (oslo.messaging or Celery) for tests, run with Debian's /usr/bin/python3 — the python3 first on
/// PATH may be a build that cannot import them. Servers print "ready" when they consume and exit when their stdin
/// closes. The process handling itself is <see cref="ChildProcess"/>'s.
/// </summary>
public static class PeerProcess
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Starts a long-running peer script and waits for its "ready" line (or a line containing <paramref name="readyText"/>).</summary>
    public static async Task<ChildProcess> StartAsync(string script, IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null, string? readyText = null)
    {
        var start = StartInfo(script, arguments);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var peer = ChildProcess.Start(start, script, line => readyText is null ? line.Trim() == "ready" : line.Contains(readyText, StringComparison.Ordinal), stop: ChildStop.CloseInput);
        await peer.WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(60), CancellationToken.None);
        return peer;
    }

    /// <summary>Runs a peer script to completion and returns its stdout lines (stderr is kept for the failure message).</summary>
    public static async Task<string[]> RunAsync(string script, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(StartInfo(script, arguments), timeout ?? TimeSpan.FromSeconds(90));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited {exitCode}: {stderr}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments)
    {
        // Shell scripts (a Celery worker's launcher) run under bash; everything else under Debian's Python.
        var start = new ProcessStartInfo(script.EndsWith(".sh", StringComparison.Ordinal) ? "bash" : Python);
        start.ArgumentList.Add(Path.Combine(RepoRoot.Path, "scripts", "peers", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        return start;
    }
}

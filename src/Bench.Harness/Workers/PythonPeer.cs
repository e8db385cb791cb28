using System.Diagnostics;
using Bench.Broker;

namespace Bench.Harness.Workers;

/// <summary>
/// Real Python peers (Celery) started as part of a scenario, with Debian's /usr/bin/python3 (the python3 first on
/// PATH may be a build that cannot import it). Output goes to a log file beside the results; stopping sends SIGTERM
/// (a Celery worker's warm shutdown). The process handling itself is <see cref="ChildProcess"/>'s.
/// </summary>
public static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Starts `python3 ARGS` in <paramref name="directory"/> and waits until <paramref name="isReady"/> says so (or, without
    /// it, for a line containing <paramref name="readyText"/>). A peer that exits first fails with its log's tail.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(string directory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string readyText, string logPath, CancellationToken cancellationToken, Func<Task<bool>>? isReady = null)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        var peer = ChildProcess.Start(start, "python peer (log: " + logPath + ")", line => line.Contains(readyText, StringComparison.Ordinal), logPath);
        await peer.WaitReadyAsync(TimeSpan.FromSeconds(90), cancellationToken, isReady);
        return peer;
    }
}

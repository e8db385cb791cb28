using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bench.Broker;

/// <summary>
/// How a private node is reached and put down from outside its Erlang VM: rabbitmqctl with the node's name and the
/// HOME that holds its Erlang cookie, a SIGKILL by its pid file, the watchdog that stops it should Bench die, and its
/// log tail. <see cref="Home"/> is the node's own directory for a lone node and the cluster's shared one for a
/// cluster node (every node and every rabbitmqctl call of a cluster must share one cookie).
/// </summary>
internal sealed record NodeControl(string CtlPath, string Home, string Directory, string NodeName)
{
    public void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        environment["HOME"] = Home;
        environment["RABBITMQ_NODENAME"] = NodeName;
    }

    public async Task<(int ExitCode, string Output)> RunCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(CtlPath);
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ApplyEnvironment(start.Environment);
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(120), cancellationToken);
        return (exitCode, stdout + stderr);
    }

    // A shell loop in its own session: when this process is gone (killed, crashed) while the node's directory
    // still exists, it stops the node and deletes the directory. A clean stop deletes the directory first, so the loop
    // just ends. A cluster node's directory sits in the cluster's; the last node's watchdog removes that too.
    public void StartWatchdog()
    {
        var watchdog = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        watchdog.ArgumentList.Add("sh");
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add(
            "while kill -0 \"$1\" 2>/dev/null && [ -d \"$2\" ]; do sleep 1; done; " +
            "if [ -d \"$2\" ]; then HOME=\"$5\" \"$3\" -n \"$4\" stop >/dev/null 2>&1; rm -rf \"$2\"; fi; " +
            "if [ \"$5\" != \"$2\" ] && [ -d \"$5\" ] && ! ls -d \"$5\"/bench-broker-* >/dev/null 2>&1; then rm -rf \"$5\"; fi");
        watchdog.ArgumentList.Add("bench-broker-watchdog");
        watchdog.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        watchdog.ArgumentList.Add(Directory);
        watchdog.ArgumentList.Add(CtlPath);
        watchdog.ArgumentList.Add(NodeName);
        watchdog.ArgumentList.Add(Home);
        using var _ = Process.Start(watchdog);
    }

    /// <summary>rabbitmqctl stop (15 s), else SIGKILL; then the node's directory goes.</summary>
    public async Task StopAsync(ChildProcess process)
    {
        if (!process.HasExited)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await RunCtlAsync(["stop"], timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }

            if (!process.HasExited)
            {
                Kill(process);
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying beam process; the watchdog deletes the directory shortly after.
        }
    }

    public void Kill(ChildProcess process)
    {
        // The pid file names the Erlang VM; the process we started may be a shell that already exec'd it.
        if (ProcessId is > 0 and var pid)
        {
            try
            {
                using var beam = Process.GetProcessById(pid);
                beam.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
        }

        process.Kill();
    }

    /// <summary>The Erlang VM's process id from the node's pid file; 0 when unknown.</summary>
    public int ProcessId
    {
        get
        {
            try
            {
                return int.TryParse(File.ReadAllText(Path.Combine(Directory, "rabbitmq.pid")).Trim(), out var pid) ? pid : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        }
    }

    public string LogTail(int lines)
    {
        var text = new StringBuilder();
        var candidates = new List<string> { Path.Combine(Directory, "server.out") };
        var logDirectory = Path.Combine(Directory, "log");
        if (System.IO.Directory.Exists(logDirectory))
        {
            candidates.AddRange(System.IO.Directory.GetFiles(logDirectory, "*.log"));
        }

        foreach (var file in candidates.Where(File.Exists))
        {
            var all = File.ReadAllLines(file);
            if (all.Length == 0)
            {
                continue;
            }

            text.Append('[').Append(Path.GetFileName(file)).AppendLine("]");
            foreach (var line in all.Skip(Math.Max(0, all.Length - lines)))
            {
                text.AppendLine(line);
            }
        }

        return text.Length > 0 ? text.ToString().TrimEnd() : $"(no log written by {NodeName})";
    }
}

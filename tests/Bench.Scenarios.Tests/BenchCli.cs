using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>The bench CLI as a child process: `dotnet bench.dll ARGS`, from the same configuration as these tests.</summary>
internal sealed partial class BenchCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private BenchCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static BenchCli Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Starts bench with extra environment variables (e.g. TMPDIR, where private brokers make their directories).</summary>
    public static BenchCli Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        // tests/Bench.Scenarios.Tests/bin/<Configuration>/net10.0 → scenarios/bin/<Configuration>/net10.0/bench.dll
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoRoot.Path, "scenarios", "bin", configuration, "net10.0", "bench.dll");
        // Through `env --default-signal=INT`, which then execs dotnet (same pid): a job a non-interactive shell starts
        // in the background (`bash scripts/test.sh &`, as a script running the tests beside CPU hogs does) inherits
        // SIGINT ignored, and .NET keeps an ignored SIGINT ignored, so Interrupt() would never reach bench. A terminal's
        // Ctrl-C reaches a foreground bench whose SIGINT is not ignored, and that is the case these tests stand for.
        var start = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CI"] = "true"; // plain progress lines, no live table
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new BenchCli(Process.Start(start)!);
    }

    public static async Task<BenchCli> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var cli = Start(arguments);
        await cli.WaitAsync(timeout);
        return cli;
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // drains the redirected output
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bench did not finish in {timeout}: {Stdout}{Stderr}");
        }
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"no '{text}' in bench's output: {Stdout}{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public void Interrupt() => _ = Kill(_process.Id, 2);

    /// <summary>Sends SIGTERM, as a service manager or a script stopping a background run does.</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is not null)
        {
            lock (builder)
            {
                builder.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}

using System.Globalization;

namespace Bench.Scenarios.Tests;

/// <summary>Finds a bench process's children from /proc (parent pid and command line): the worker a test kills by hand.</summary>
internal static class ProcessTree
{
    /// <summary>The first child of <paramref name="parent"/> whose arguments <paramref name="matches"/> accepts, waited for up to <paramref name="within"/>.</summary>
    public static async Task<(int Pid, string[] Arguments)> ChildAsync(int parent, Func<string[], bool> matches, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                try
                {
                    var stat = await File.ReadAllTextAsync(Path.Combine(dir, "stat"));
                    var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                    var arguments = (await File.ReadAllTextAsync(Path.Combine(dir, "cmdline"))).Split('\0');
                    if (ppid == parent && matches(arguments))
                    {
                        return (pid, arguments);
                    }
                }
                catch (IOException)
                {
                    // It exited while being read.
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no matching child process under " + parent.ToString(CultureInfo.InvariantCulture));
    }
}

using System.Diagnostics;

namespace Bench.Harness.Workers;

/// <summary>
/// This same bench executable as a child (a `bench worker`, a `bench run` agent), with its environment: through
/// `dotnet bench.dll` when this process is not the apphost (e.g. under a test host).
/// </summary>
public static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("no executable path for this process"));
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            // bench.dll, the CLI, sits beside this library (in its own bin and in a test's); this library is not an app.
            start.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(typeof(SelfProcess).Assembly.Location)!, "bench.dll"));
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}

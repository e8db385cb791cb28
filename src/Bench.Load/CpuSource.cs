using System.Globalization;

namespace Bench.Load;

/// <summary>
/// A process whose CPU time a run reports (the load generator itself, workers, the broker): on 2 cores the broker
/// competes with the generator, so a result must say who spent what. Read from /proc/&lt;pid&gt;/stat.
/// </summary>
public sealed record CpuSource(string Name, int ProcessId)
{
    private static readonly double s_ticksPerSecond = 100; // USER_HZ: 100 on every Linux Bench runs on

    public static CpuSource Self(string name = "client") => new(name, Environment.ProcessId);

    /// <summary>User + system CPU seconds so far, or null when the process is gone or /proc is not there.</summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
            // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / s_ticksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

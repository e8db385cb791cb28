using System.Globalization;

namespace Bench.Load;

/// <summary>This process's memory from /proc: resident now, and the peak (VmHWM) for a run's record.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes() => ReadStatusKb("VmRSS:") * 1024;

    public static long PeakResidentBytes() => ReadStatusKb("VmHWM:") * 1024;

    private static long ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.WorkingSet / 1024;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Bench.Scenarios.Tests;

/// <summary>Sends a signal to a process with kill(1): a test playing the part of the OOM killer or an operator.</summary>
internal static class Signal
{
    public static async Task KillAsync(int pid, string signal = "KILL")
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bench.Reporting;

/// <summary>Reads the facts a result records about its machine and source tree.</summary>
public static class EnvironmentProbe
{
    /// <summary>The facts of this machine and tree. <paramref name="broker"/> is stored by scheme, host, port and vhost only:
    /// results are shared and committed, so not even a masked user name goes into them.</summary>
    public static EnvironmentRecord Capture(string? broker, string? brokerVersion, bool privateBroker, string? repositoryRoot = null) => new()
    {
        GitSha = Git(repositoryRoot, "rev-parse", "HEAD"),
        GitDirty = !string.IsNullOrEmpty(Git(repositoryRoot, "status", "--porcelain", "--untracked-files=no")),
        DotNet = RuntimeInformation.FrameworkDescription,
        Os = RuntimeInformation.OSDescription,
        Runtime = $"thread-pool spin limit {AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit") ?? "default"}, server GC {System.Runtime.GCSettings.IsServerGC}, concurrent GC {AppContext.GetData("System.GC.Concurrent") ?? "default"}, open-model scheduler {Load.SchedulerPriority.Describe()}",
        CpuModel = CpuModel(),
        Cores = Environment.ProcessorCount,
        MachineName = Environment.MachineName,
        Broker = WithoutUserInfo(broker),
        BrokerVersion = brokerVersion,
        PrivateBroker = privateBroker,
    };

    /// <summary>scheme://user:password@host:port/vhost → scheme://host:port/vhost; text that is no address is kept as it is.</summary>
    public static string? WithoutUserInfo(string? address)
    {
        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return address;
        }

        return $"{uri.Scheme}://{uri.Authority}{uri.PathAndQuery}";
    }

    public static string ShortSha(EnvironmentRecord environment) =>
        environment.GitSha is { Length: >= 7 } sha ? sha[..7] + (environment.GitDirty ? "-dirty" : string.Empty) : "nogit";

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string? Git(string? directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory ?? Environment.CurrentDirectory };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

using System.Diagnostics;

namespace Bench.Reporting.Tests;

/// <summary>Debian's Chromium (installed by scripts/setup.sh), headless: a page's DOM after its scripts ran, at a window width.</summary>
internal static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(string path, int width = 800)
    {
        var profile = Directory.CreateTempSubdirectory("bench-chromium-");
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName, "--window-size=" + width.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",1000",
            "--virtual-time-budget=20000", "--dump-dom", "file://" + path })
        {
            start.ArgumentList.Add(flag);
        }

        try
        {
            using var chromium = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start: run scripts/setup.sh");
            var dom = chromium.StandardOutput.ReadToEndAsync();
            _ = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await chromium.WaitForExitAsync(timeout.Token);
            return await dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

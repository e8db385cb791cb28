namespace Bench.Scenarios.Tests;

/// <summary>
/// A test class that runs `bench` as a process: each test gets a scratch results folder, removed afterwards with any
/// folder or file beside it that starts with its name ("OUT-x", "OUT.yaml"), so a test can write several.
/// </summary>
public abstract class CliTest : IDisposable
{
    protected string Out { get; } = Path.Combine(Path.GetTempPath(), "bench-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), Path.GetFileName(Out) + "*"))
        {
            Directory.Delete(dir, recursive: true);
        }

        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(Out) + "*"))
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }
}

using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>
/// Compares output with a checked-in *.approved.* file; on a difference writes *.received.* beside it (git-ignored)
/// so the change can be read and, if right, approved by renaming it. BenchmarkDotNet's VerifiedFiles idea, without Verify.
/// </summary>
internal static class GoldenFile
{
    public static void Assert(string name, string extension, string actual)
    {
        var directory = Path.Combine(RepoRoot.Path, "tests", "Bench.Reporting.Tests", "Golden");
        var approved = Path.Combine(directory, $"{name}.approved.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.ReplaceLineEndings("\n");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Xunit.Assert.Fail($"{name} differs from {approved}; the output is in {received} — rename it to approve it");
    }
}

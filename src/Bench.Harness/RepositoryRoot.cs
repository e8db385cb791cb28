namespace Bench.Harness;

/// <summary>
/// The repository's root: the folder holding Bench.sln, found from a directory upwards. The CLI looks from the
/// current directory (results/, node_modules/ and the Python peers live there), the tests and benchmarks from their
/// binaries. One finder for all of them.
/// </summary>
public static class RepositoryRoot
{
    public const string Marker = "Bench.sln";

    /// <summary>The root above <paramref name="start"/> (default: the current directory), or null outside a checkout.</summary>
    public static string? Find(string? start = null)
    {
        for (var d = new DirectoryInfo(start ?? Environment.CurrentDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, Marker)))
            {
                return d.FullName;
            }
        }

        return null;
    }
}

namespace Bench.Testing;

/// <summary>The repository's root (the folder holding Bench.sln), found from the test binaries upwards.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Bench.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Bench.sln not found above " + AppContext.BaseDirectory);
    }
}

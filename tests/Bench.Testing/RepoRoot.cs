namespace Bench.Testing;

/// <summary>The repository's root (the folder holding Bench.sln), found from the test binaries upwards.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Harness.RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(Harness.RepositoryRoot.Marker + " not found above " + AppContext.BaseDirectory);
}

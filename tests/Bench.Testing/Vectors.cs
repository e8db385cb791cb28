using System.Text.Json;

namespace Bench.Testing;

/// <summary>The captured messages in tests/vectors, as JSON documents.</summary>
public static class Vectors
{
    public static string Directory { get; } = Path.Combine(RepoRoot.Path, "tests", "vectors");

    public static JsonElement Load(string file, string key)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        return document.RootElement.GetProperty(key).Clone();
    }
}

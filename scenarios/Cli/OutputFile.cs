namespace Bench.Scenarios.Cli;

/// <summary>
/// Where `--out` puts one file: a path ending in a separator, or a folder that exists, takes the file's usual name
/// inside it; the folders on the way are made, as `bench run --out` makes its own.
/// </summary>
internal static class OutputFile
{
    public static string Resolve(string output, string usualName)
    {
        var path = output.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(output) ? Path.Combine(output, usualName) : output;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {output}: cannot make its folder ({e.Message})");
            }
        }

        return path;
    }
}

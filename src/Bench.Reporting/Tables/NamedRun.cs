namespace Bench.Reporting.Tables;

/// <summary>A run read for a table, named by its folder (the figures driver names each run's folder after what it measured).</summary>
public sealed record NamedRun(string Name, RunResult Run)
{
    public static NamedRun Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new NamedRun(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), ResultStore.Read(path));
    }

    public static List<NamedRun> ReadAll(IReadOnlyList<string> paths, string table, int? exactly = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0 || (exactly is { } n && paths.Count != n))
        {
            throw new ResultFormatException($"--table {table} takes {(exactly is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "one or more")} run folder{(exactly == 1 ? string.Empty : "s")}, got {paths.Count}");
        }

        return paths.Select(Read).ToList();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting;

/// <summary>Reads and writes results JSON. Writes are atomic (a temp file, then a rename), so a reader never sees half a file.</summary>
public static class ResultStore
{
    public const string ResultsFileName = "results.json";

    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false, // histograms are long arrays: indented, a run is megabytes; tools pretty-print on demand
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Serialized straight into the file: a long run's results (per-second histograms) are megabytes, and building them
    /// as one array first, then copying it, was a peak of the run's memory at every save.
    /// </summary>
    public static void Write(string path, RunResult result) => WriteAtomic(path, stream => JsonSerializer.Serialize(stream, result, Options));

    public static void WriteAtomic(string path, ReadOnlySpan<byte> content)
    {
        var temp = TempBeside(path);
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes whatever <paramref name="write"/> puts into the stream to a temp file, then renames it to <paramref name="path"/>.</summary>
    public static void WriteAtomic(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempBeside(path);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 65536))
        {
            write(stream);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static void WriteTextAtomic(string path, string text) => WriteAtomic(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true);
        writer.Write(text);
    });

    private static string TempBeside(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
    }

    /// <summary>Reads a results file, or a run folder holding one. Fails with one clear line on anything else.</summary>
    public static RunResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, ResultsFileName) : path;
        if (!File.Exists(file))
        {
            throw new ResultFormatException($"no results at {path} (expected a results.json or a run folder holding one)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new ResultFormatException($"{file} is not JSON: {e.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new ResultFormatException($"{file} has no schemaVersion: not a Bench results file");
            }

            if (version.GetInt32() != RunResult.CurrentSchemaVersion)
            {
                throw new ResultFormatException($"{file} has schemaVersion {version.GetInt32()}; this Bench reads version {RunResult.CurrentSchemaVersion}");
            }

            try
            {
                return document.RootElement.Deserialize<RunResult>(Options) ?? throw new ResultFormatException($"{file} is empty");
            }
            catch (JsonException e)
            {
                throw new ResultFormatException($"{file} does not match results schema {RunResult.CurrentSchemaVersion}: {e.Message}");
            }
        }
    }
}

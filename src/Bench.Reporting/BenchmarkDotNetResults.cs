using System.Text.Json;

namespace Bench.Reporting;

/// <summary>A BenchmarkDotNet "full" JSON export, reduced to what reports and comparisons use.</summary>
public sealed record BenchmarkDotNetResults(string Title, IReadOnlyList<BenchmarkDotNetResults.BenchmarkCase> Cases)
{
    /// <summary>One benchmark case: its full name, mean and stddev (ns), allocations, and the per-iteration samples (ns/op).</summary>
    public sealed record BenchmarkCase(string FullName, string Type, string Method, string Parameters, double MeanNs, double StdDevNs, long? AllocatedBytes, IReadOnlyList<double> SamplesNs);

    /// <summary>Reads a *-report-full.json file, or the newest one in a folder.</summary>
    public static BenchmarkDotNetResults Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path)
            ? Directory.GetFiles(path, "*-report-full.json").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault() ?? throw new ResultFormatException($"no *-report-full.json in {path}")
            : path;
        if (!File.Exists(file))
        {
            throw new ResultFormatException($"no BenchmarkDotNet results at {path}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var cases = new List<BenchmarkCase>();
            foreach (var b in root.GetProperty("Benchmarks").EnumerateArray())
            {
                var stats = b.TryGetProperty("Statistics", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
                var samples = new List<double>();
                if (b.TryGetProperty("Measurements", out var measurements))
                {
                    foreach (var m in measurements.EnumerateArray())
                    {
                        if (m.GetProperty("IterationMode").GetString() == "Workload" && m.GetProperty("IterationStage").GetString() == "Result")
                        {
                            samples.Add(m.GetProperty("Nanoseconds").GetDouble() / m.GetProperty("Operations").GetDouble());
                        }
                    }
                }

                cases.Add(new BenchmarkCase(
                    b.GetProperty("FullName").GetString() ?? "?",
                    b.TryGetProperty("Type", out var type) ? type.GetString() ?? "" : "",
                    b.TryGetProperty("Method", out var method) ? method.GetString() ?? "" : "",
                    b.TryGetProperty("Parameters", out var parameters) ? parameters.GetString() ?? "" : "",
                    stats.ValueKind == JsonValueKind.Object ? stats.GetProperty("Mean").GetDouble() : double.NaN,
                    stats.ValueKind == JsonValueKind.Object ? stats.GetProperty("StandardDeviation").GetDouble() : double.NaN,
                    b.TryGetProperty("Memory", out var memory) && memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number ? bytes.GetInt64() : null,
                    samples));
            }

            return new BenchmarkDotNetResults(root.TryGetProperty(nameof(Title), out var title) ? title.GetString() ?? file : file, cases);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ResultFormatException($"{file} is not a BenchmarkDotNet full JSON export: {e.Message}");
        }
    }
}

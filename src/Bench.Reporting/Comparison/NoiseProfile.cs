using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting.Comparison;

/// <summary>
/// This machine's run-to-run noise, measured by `bench calibrate` from identical repetitions and kept in a file by the
/// user: per measurement (scenario id + settings), the standard deviation of each judged figure's logarithm across the
/// repetitions (noise is multiplicative). With it, a comparison of one run a side can be tested: the log-ratio of two
/// identical runs has a spread of √2·σ, estimated from <see cref="NoiseEntry.Repetitions"/> runs (Student's t).
/// </summary>
public sealed record NoiseProfile(string Kind, string RunId, string MeasuredAt, IReadOnlyList<NoiseEntry> Measurements)
{
    public const string FileKind = "bench-noise";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public NoiseEntry? Find(string key) => Measurements.FirstOrDefault(m => m.Key == key);

    /// <summary>The noise of every measurement of <paramref name="measurements"/> with at least 3 repetitions (2 give a 1-degree-of-freedom guess).</summary>
    public static NoiseProfile From(string runId, IEnumerable<Measurement> measurements, DateTimeOffset measuredAt)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var entries = measurements.Where(m => m.Repetitions.Count >= 3 && !m.Incomplete && m.Accounted).Select(m => new NoiseEntry(m.Key, m.Label, m.Repetitions.Count,
            LogSd(m.Repetitions.Select(r => r.Throughput)), LogSd(m.Repetitions.Select(r => r.P50Us)), LogSd(m.Repetitions.Select(r => r.P99Us)), LogSd(m.Repetitions.Select(r => r.P999Us)))).ToList();
        return new NoiseProfile(FileKind, runId, measuredAt.ToString("O", CultureInfo.InvariantCulture), entries);
    }

    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads a noise file; anything else is a <see cref="ResultFormatException"/> naming the file.</summary>
    public static NoiseProfile Read(string path)
    {
        NoiseProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<NoiseProfile>(File.ReadAllBytes(path), s_json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ResultFormatException($"{path}: not a noise file from `bench calibrate` ({e.Message.Split('\n')[0]})");
        }

        return profile is { Kind: FileKind, Measurements: not null }
            ? profile
            : throw new ResultFormatException($"{path}: not a noise file from `bench calibrate` (kind is not '{FileKind}')");
    }

    private static double LogSd(IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Log(v)).ToArray();
        if (logs.Length < 2)
        {
            return 0;
        }

        var mean = logs.Average();
        return Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Length - 1));
    }
}

/// <summary>One measurement's noise: the standard deviation of ln(figure) across <see cref="Repetitions"/> identical runs.</summary>
public sealed record NoiseEntry(string Key, string Label, int Repetitions, double Throughput, double P50, double P99, double P999)
{
    public double Of(string metric) => metric switch
    {
        "throughput" => Throughput,
        "p50" => P50,
        "p99" => P99,
        _ => P999,
    };
}

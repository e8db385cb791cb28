using System.Diagnostics;
using System.Globalization;
using Bench.Load;
using Bench.Reporting.Exports;
using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>
/// Bench's .hlog files read by two independent implementations of HdrHistogram — Java's (Debian's
/// libhdrhistogram-java, installed by scripts/setup.sh) and hdr-histogram-js (npm) — whose percentiles must equal
/// Bench's exactly, with every interval and count there. Bench reports the exact min and max where a percentile falls
/// in their bucket; the readers, which see only counts, report that bucket's highest value: the test says so per case.
/// </summary>
public sealed class HdrLogReaderTests
{
    private static readonly double[] s_percentiles = [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 99.999];

    [Fact]
    public async Task Java_HdrHistogram_reads_every_interval_with_Bench_s_percentiles()
    {
        var (scenario, total) = SixSeconds();
        var path = await WriteAsync(scenario);
        try
        {
            var read = await RunAsync("java", ["-cp", "/usr/share/java/hdrhistogram.jar", Reader("HlogPercentiles.java"), path, .. s_percentiles.Select(P)]);
            AssertSame(scenario, total, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Hdr_histogram_js_reads_every_interval_with_Bench_s_percentiles()
    {
        var (scenario, total) = SixSeconds();
        var path = await WriteAsync(scenario);
        try
        {
            var read = await RunAsync("node", [Reader("hlog-percentiles.mjs"), path, .. s_percentiles.Select(P)]);
            AssertSame(scenario, total, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_encoding_is_HdrHistogram_s_V2_compressed_with_a_zlib_stream()
    {
        var bytes = HdrEncoding.Compressed([(0, 1), (1, 0), (5, 300), (40_000 % LatencyHistogram.BucketCount, 2)]);

        Assert.Equal([0x1c, 0x84, 0x93, 0x14], bytes[..4]); // compressed V2 cookie
        Assert.Equal(bytes.Length - 8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(0x78, bytes[8]); // zlib header: deflate, 32 KiB window (its Adler-32 trailer is checked by both readers)
        var raw = HdrEncoding.Uncompressed([(0, 1), (5, 300)]);
        // cookie, payload length, offset 0, 3 digits, lowest 1, highest 2^42-1, ratio 1.0; then 1, four zeros as -4, 300
        Assert.Equal([0x1c, 0x84, 0x93, 0x13], raw[..4]);
        Assert.Equal([0x02, 0x07, 0xd8, 0x04], raw[40..]);
    }

    /// <summary>
    /// Six seconds of values from 1 ns to a minute (exact region, every power of two, the top buckets), different
    /// per second, some seconds empty of the tail: the total is what Bench reports for the scenario.
    /// </summary>
    private static (ScenarioRecord Scenario, LatencyHistogram Total) SixSeconds()
    {
        var random = new Random(20261206);
        var total = new LatencyHistogram();
        var points = new List<TimelinePoint>();
        for (var second = 0; second < 6; second++)
        {
            var interval = new LatencyHistogram();
            for (var i = 0; i < 20_000 + (second * 3_001); i++)
            {
                // Log-uniform from 1 ns to ~1 ms, a tail to ~60 s in every other second.
                var value = (long)Math.Exp(random.NextDouble() * (second % 2 == 0 && i % 97 == 0 ? 24.8 : 13.8));
                interval.Record(value);
                total.Record(value);
            }

            points.Add(new TimelinePoint(second, 1, interval.Count, 0, 0, interval.Count, interval.ValueAtPercentile(50), interval.ValueAtPercentile(99), interval.Max)
            {
                Buckets = interval.NonZeroBuckets(),
            });
        }

        var result = new ScenarioResult
        {
            ScenarioId = "call.add",
            Load = "closed, 8 outstanding, for 6 s",
            OpenModel = false,
            StartedAt = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero),
            WarmUpSeconds = 1,
            DurationSeconds = 6,
            IssueSeconds = 6,
            Incomplete = false,
            Issued = total.Count,
            Ok = total.Count,
            Failed = 0,
            TimedOut = 0,
            Abandoned = 0,
            LateStarts = 0,
            MaxLatenessNs = 0,
            Corrected = total,
            Raw = total,
            Timeline = points,
            Errors = [],
            Cost = [],
        };
        return (ScenarioRecords.From(result, new Dictionary<string, string> { ["model"] = "closed", ["outstanding"] = "8", ["route"] = "queue" }), total);
    }

    private static void AssertSame(ScenarioRecord scenario, LatencyHistogram total, Dictionary<string, string> read)
    {
        Assert.Equal("6", read["intervals"]);
        Assert.Equal(HdrLogWriter.Tag(scenario), read["tag"]);
        Assert.Equal(total.Count.ToString(CultureInfo.InvariantCulture), read["count"]);
        foreach (var p in s_percentiles)
        {
            var bench = total.ValueAtPercentile(p);
            var bucketTop = LatencyHistogram.HighestEquivalentValue(LatencyHistogram.IndexOf(bench));
            // Bench clamps to its exact min and max; a reader knows only the bucket, so it reports the bucket's top.
            var expected = bench == total.Max || bench == total.Min ? bucketTop : bench;
            Assert.True(expected == long.Parse(read["p" + P(p)], CultureInfo.InvariantCulture), $"p{P(p)}: Bench {bench} (bucket top {bucketTop}), reader {read["p" + P(p)]}");
        }
    }

    private static async Task<string> WriteAsync(ScenarioRecord scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N")[..8] + ".hlog");
        await File.WriteAllTextAsync(path, HdrLogWriter.Render(scenario), new System.Text.UTF8Encoding(false));
        return path;
    }

    private static string Reader(string name) => Path.Combine(RepoRoot.Path, "tests", "Bench.Reporting.Tests", "Readers", name);

    private static string P(double p) => p.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a reader in the repository (where node_modules is); its output as "key value" lines.</summary>
    private static async Task<Dictionary<string, string>> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoRoot.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start: run scripts/setup.sh");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, program + " failed: " + await error);
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)).ToDictionary(l => l[0], l => l[1].Trim());
    }
}

using Bench.Reporting.Comparison;
using Bench.Reporting.History;

namespace Bench.Reporting.Tests;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bench-history-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Recorded_revisions_round_trip_promote_and_stay_small()
    {
        var store = new HistoryStore(_directory);
        var run = Samples.Run("20261121T060000Z-0123456", Samples.Scenario("call.add", 400_000, 2000), Samples.Scenario("call.echo", 900_000, 1500, jitter: 0.5));

        var file = store.Record(run);
        store.Record(run); // recording the same run again replaces, never duplicates
        var otherNight = store.Record(run with { RunId = "20261122T060000Z-0123456", StartedAt = run.StartedAt.AddDays(1) });
        var baseline = store.Promote("0123456");
        var loaded = store.Load(file);

        Assert.Equal("2026-11-21T060000-0123456.json", file);
        Assert.Equal([file, otherNight], store.ReadIndex().Entries.Select(e => e.File)); // same revision, two nights: two entries
        Assert.Equal(otherNight, baseline.File); // a sha prefix names the newest run of that revision
        Assert.Equal(otherNight, store.ReadIndex().Baseline);
        var original = run.Scenarios[1].Latency.Corrected.Histogram.ToHistogram();
        var restored = loaded.Scenarios[1].Histogram.ToHistogram();
        Assert.Equal(original.Count, restored.Count);
        Assert.Equal(original.StdDev, restored.StdDev); // exact sums survive the compaction
        foreach (var p in new[] { 50.0, 90, 99, 99.9 })
        {
            var exact = original.ValueAtPercentile(p);
            Assert.InRange(restored.ValueAtPercentile(p), exact * 0.995, exact * 1.005); // within the stated ±0.4% (+ rounding)
        }
        Assert.Equal(8, loaded.Scenarios[0].ThroughputPerSecond.Length);
        // A year of nightly runs of the default suite (11 scenarios) must stay well under 50 MB.
        var bytesPerScenario = new FileInfo(Path.Combine(_directory, file)).Length / 2.0; // this sample's wide second histogram is a worst case
        Assert.True(bytesPerScenario * 11 * 365 < 50_000_000, $"{bytesPerScenario:0} bytes per scenario");
        Assert.Equal(Verdict.Same, ResultComparer.Compare("run", Measurement.From(run), "history", HistoryMeasurements.From(loaded)).Rows[0].Verdict);
    }

    [Fact]
    public void Unknown_revisions_and_schemas_are_refused_with_a_clear_message()
    {
        var store = new HistoryStore(_directory);
        Assert.Throws<ResultFormatException>(() => store.Promote("nope"));

        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "results.json");
        File.WriteAllText(path, "{\"schemaVersion\": 99}");
        var error = Assert.Throws<ResultFormatException>(() => ResultStore.Read(path));
        Assert.Contains("schemaVersion 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("no results at", Assert.Throws<ResultFormatException>(() => ResultStore.Read(Path.Combine(_directory, "missing"))).Message, StringComparison.Ordinal);
    }
}

/// <summary>The 3-in/2-out rule on constructed nights.</summary>
public sealed class TrendRuleTests
{
    [Theory]
    [InlineData("sssSS", true)]   // three in range, then two out: a shift
    [InlineData("sssS", false)]   // one night out: a warning at most
    [InlineData("ssSsS", false)]  // out, in, out: noise
    [InlineData("sSS", false)]    // not enough stable nights before
    [InlineData("sssss", false)]
    public void Shift_needs_two_nights_out_after_three_in(string nights, bool shift)
    {
        var baseline = History.HistoryStore.ToEntry(Samples.Run("base", Samples.Scenario("call.add", 400_000, 2000)));
        var entries = nights.Select((c, i) => History.HistoryStore.ToEntry(Samples.Run("n" + i,
                c == 'S' ? Samples.Scenario("call.add", 800_000, 1000) : Samples.Scenario("call.add", 400_000, 2000))) with
            { StartedAt = baseline.StartedAt.AddDays(i + 1), ShortSha = "n" + i })
            .ToList();

        var series = Assert.Single(History.TrendRule.Evaluate(entries, baseline));

        Assert.Equal(nights.Length, series.Nights.Count);
        Assert.Equal(shift, series.Shift);
    }
}

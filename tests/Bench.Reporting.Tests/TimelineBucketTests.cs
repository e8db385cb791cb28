using System.Text.Json;

namespace Bench.Reporting.Tests;

/// <summary>A second's histogram buckets are values in memory and [index, count] pairs in results.json, as they always were.</summary>
public sealed class TimelineBucketTests
{
    [Fact]
    public void Buckets_are_written_and_read_as_index_count_pairs()
    {
        var second = new TimelineRecord(0, 1, 3, 0, 0, 3, 1, 2, 2, 80) { Buckets = [new(2047, 1), new(40_000, 2)] };

        var json = JsonSerializer.Serialize(second, ResultStore.Options);
        var back = JsonSerializer.Deserialize<TimelineRecord>(json, ResultStore.Options)!;

        Assert.Contains("\"buckets\":[[2047,1],[40000,2]]", json, StringComparison.Ordinal);
        Assert.Equal(second.Buckets, back.Buckets);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TimelineRecord>(json.Replace("[2047,1]", "[2047]", StringComparison.Ordinal), ResultStore.Options));
    }
}

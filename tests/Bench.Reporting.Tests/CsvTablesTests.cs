using Bench.Reporting.Exports;

namespace Bench.Reporting.Tests;

/// <summary>The CSV exports as a spreadsheet reads them: one header, one row per scenario run or second, quoted where needed.</summary>
public sealed class CsvTablesTests
{
    [Fact]
    public void The_scenario_table_has_a_row_per_scenario_run_with_fields_quoted_where_they_hold_commas()
    {
        var run = Samples.Run("run-1", Samples.Scenario("raw.call", 280_000, 3000), Samples.Scenario("call.add", 380_000, 2600, settings: new Dictionary<string, string> { ["note"] = "a \"quoted\", comma" }));

        var lines = CsvTables.Scenarios(run).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("run,scenario,settings,repetition,load,latency,ok_per_s,min_us,p50_us,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("run-1,raw.call,model=closed;outstanding=8,1,\"closed, 8 outstanding, for 8 s\",round-trip,3000,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"model=closed;note=a \"\"quoted\"\", comma;outstanding=8\",", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",24000,24000,0,0,0,20,25,45,false", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeline_has_a_row_per_second()
    {
        var lines = CsvTables.Timeline(Samples.Scenario("raw.call", 280_000, 3000, seconds: 5)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("second,seconds,ok,failed,timed_out,ok_per_s,p50_us,p99_us,max_us,rss_mb,drain,partial", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("4,1,3000,0,0,", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",80,false,false", lines[5], StringComparison.Ordinal);
    }
}

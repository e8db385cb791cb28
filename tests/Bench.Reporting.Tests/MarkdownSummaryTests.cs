namespace Bench.Reporting.Tests;

/// <summary>The Markdown summary against its approved golden file (tests/Bench.Reporting.Tests/Golden).</summary>
public sealed class MarkdownSummaryTests
{
    [Fact]
    public void Summary_matches_the_approved_file()
    {
        var run = Samples.Run("20261121T060000Z-0123456",
            Samples.Scenario("raw.call", 280_000, 3000),
            Samples.Scenario("call.add", 380_000, 2600),
            Samples.Scenario("call.add", 510_000, 2000, model: "open"));

        GoldenFile.Assert("summary", "md", MarkdownSummary.Render(run));
    }
}

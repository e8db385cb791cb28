using Bench.Reporting.History;
using Bench.Reporting.Html;

namespace Bench.Reporting.Tests;

public sealed class TrendPageTests
{
    // Night i runs revision "sha{i}" (40 hex digits); from night 8 call.add is 20% slower (latency up, throughput down).
    private static List<HistoryEntry> Nights(int count, int slowerFrom)
    {
        var wobble = new[] { 1.00, 1.02, 0.99, 1.01, 0.98, 1.02 };
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var factor = wobble[i % wobble.Length] * (i >= slowerFrom ? 1.2 : 1);
            var run = Samples.Run($"2026112{i % 10}T060000Z-n{i}", Samples.Scenario("call.add", (long)(400_000 * factor), 2000 / factor));
            var sha = i.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(40, 'a');
            return HistoryStore.ToEntry(run with { StartedAt = run.StartedAt.AddDays(i), Environment = run.Environment with { GitSha = sha } });
        })];
    }

    [Fact]
    public void The_page_has_every_night_linked_and_a_chart_per_measurement()
    {
        var html = TrendPage.Render(Nights(2, 99), "/* plotly */", new TrendPage.Links("https://example.invalid/commit/{sha}", "reports/{run}.html"));

        Assert.Contains("2 complete night(s)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.invalid/commit/" + new string('a', 39) + "0\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.invalid/commit/" + new string('a', 39) + "1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"reports/20261121T060000Z-n1.html\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"trend-0\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"trend-1\"", html, StringComparison.Ordinal);
        Assert.Contains("No change point in 2 night(s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shift_is_marked_at_its_first_revision()
    {
        var nights = Nights(14, 8);

        var html = TrendPage.Render(nights, "/* plotly */", new TrendPage.Links(null, null));
        var series = Assert.Single(HistorySeries.From(nights));
        var p50 = series.ChangePoints(n => n.P50Us, logScale: true);

        Assert.Equal(nights[8].ShortSha, Assert.Single(p50).Night.ShortSha);
        Assert.InRange(p50[0].Point.Change, 0.15, 0.25);
        Assert.Contains("first revision at the new level", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"cp\"><td>p50</td><td><code>" + nights[8].ShortSha + "</code>", html, StringComparison.Ordinal);
        Assert.Contains("\"dash\":\"dash\"", html, StringComparison.Ordinal); // the change point's line on the chart
    }
}

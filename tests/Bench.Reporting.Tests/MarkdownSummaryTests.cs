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

    [Fact]
    public void The_default_suite_s_summary_says_common_settings_once_and_fits_a_GitHub_page()
    {
        var text = MarkdownSummary.Render(DefaultSuiteSamples.Run());

        GoldenFile.Assert("summary-default", "md", text);
        Assert.Contains("Settings, unless a row says otherwise (each where its scenario takes it): `ack=receipt` `arrivals=uniform` `channels=1`", text, StringComparison.Ordinal);
        // A GitHub job summary shows about 120 characters of a table row (cells' padding included) before it scrolls.
        var lines = text.Split('\n').ToList();
        var rows = lines.Skip(lines.FindIndex(l => l.StartsWith("| scenario | differs |", StringComparison.Ordinal)) + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(14, rows.Count);
        Assert.All(rows, r => Assert.True(r.Replace("`", string.Empty, StringComparison.Ordinal).Length <= 110, r));
        Assert.DoesNotContain("ack=receipt", string.Join('\n', rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_celery_run_s_summary_prints_the_celery_workers_table_with_the_worker_cpu_ratio()
    {
        var text = MarkdownSummary.Render(Samples.CeleryRun());

        Assert.Contains(Tables.CeleryWorkersTable.ToMarkdown(Samples.CeleryRun()), text, StringComparison.Ordinal);
        Assert.Contains("worker-CPU ratio best Celery worker / C# worker (CPU µs per task): 16.9x", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_both_workers_celery_add_adds_no_celery_workers_table()
    {
        var benchOnly = Samples.Run("20261121T060000Z-0123456", Samples.CeleryAdd(2600, workerCpu: 95.1, ("worker", "bench")));
        var pythonClientOnly = Samples.Run("20261121T060000Z-0123456",
            Samples.CeleryAdd(2600, workerCpu: 95.1, ("worker", "bench"), ("client", "python")),
            Samples.CeleryAdd(410, workerCpu: 1840.2, ("client", "python")));

        foreach (var run in new[] { benchOnly, pythonClientOnly })
        {
            Assert.Equal(string.Empty, Tables.CeleryWorkersTable.ToMarkdown(run));
            Assert.DoesNotContain("worker-CPU ratio", MarkdownSummary.Render(run), StringComparison.Ordinal);
        }
    }
}

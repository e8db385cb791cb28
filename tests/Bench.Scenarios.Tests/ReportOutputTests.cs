using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench report RUN --out`: a folder (a path ending in a separator, or one that exists) takes the format's usual file
/// name, and missing folders are made; an --out whose folder cannot be made is one line and exit 2, never a stack trace.
/// </summary>
public sealed class ReportOutputTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private static readonly string s_run = Path.Combine(RepoRoot.Path, "results", "broker-view", "sampler-cost");
    private readonly string _root = Directory.CreateTempSubdirectory("bench-report-out-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("json", "results.json")]
    [InlineData("md", "summary.md")]
    [InlineData("html", "report.html")]
    public async Task A_folder_given_to_out_takes_the_formats_usual_file_name(string format, string name)
    {
        var folder = Path.Combine(_root, format, "new") + Path.DirectorySeparatorChar;

        using var cli = await BenchCli.RunAsync(s_timeout, "report", s_run, "--format", format, "--out", folder);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var written = Path.Combine(folder, name);
        Assert.True(File.Exists(written), cli.Stdout);
        if (format == "json")
        {
            Assert.Equal(ResultStore.Read(s_run).RunId, ResultStore.Read(written).RunId);
        }
    }

    [Fact]
    public async Task An_out_whose_folder_cannot_be_made_is_one_line_and_exit_2()
    {
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        using var cli = await BenchCli.RunAsync(s_timeout, "report", s_run, "--format", "json", "--out", Path.Combine(file, "results.json"));

        Assert.Equal(2, cli.ExitCode);
        Assert.Single(cli.Stderr.Trim().Split('\n'));
        Assert.Contains("cannot make its folder", cli.Stderr, StringComparison.Ordinal);
    }
}

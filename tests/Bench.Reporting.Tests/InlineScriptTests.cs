using Bench.Reporting.Html;
using Bench.Testing;

namespace Bench.Reporting.Tests;

/// <summary>
/// A page written with its script copied in from the file is the very page rendered with the script as text: the same
/// bytes for the real plotly.min.js, and the same escaping of "&lt;/script" wherever a read splits it.
/// </summary>
public sealed class InlineScriptTests
{
    [Theory]
    [InlineData("var a = '</script>'; var b = '</SCRIPT>';")]
    [InlineData("</script")]
    [InlineData("<</script</script")]
    [InlineData("x</scrip")]
    [InlineData("</scripT</sCript</script>")]
    [InlineData("")]
    public void Copying_in_pieces_escapes_as_the_text_replace_does(string script)
    {
        foreach (var piece in new[] { 1, 2, 3, 7, 8, 9, 1000 })
        {
            var written = new StringWriter();
            InlineScript.CopyEscaped(new Trickle(script, piece), written);

            Assert.Equal(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase), written.ToString());
        }
    }

    [Fact]
    public void A_report_written_with_the_script_file_is_byte_for_byte_the_report_rendered_with_its_text()
    {
        var plotly = PlotlyAsset.Find(RepoRoot.Path) ?? throw new InvalidOperationException("plotly.js is not installed: run scripts/setup.sh");
        var runs = new[] { Samples.Run("20261121T060000Z-0123456", Samples.Scenario("raw.call", 280_000, 3000), Samples.Scenario("call.add", 380_000, 2600)) };
        var directory = Directory.CreateTempSubdirectory("bench-inline-").FullName;
        try
        {
            var streamed = Path.Combine(directory, "streamed.html");
            var whole = Path.Combine(directory, "whole.html");

            InlineScript.WritePage(streamed, HtmlReport.Render(runs, InlineScript.Marker), plotly);
            ResultStore.WriteTextAtomic(whole, HtmlReport.Render(runs, File.ReadAllText(plotly)));

            Assert.True(File.ReadAllBytes(whole).AsSpan().SequenceEqual(File.ReadAllBytes(streamed)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_page_without_the_marker_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => InlineScript.WritePage(Path.Combine(Path.GetTempPath(), "never.html"), "<html></html>", "/nonexistent.js"));
        Assert.Contains("InlineScript.Marker", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A reader that hands out at most a few characters a read, as a slow stream might.</summary>
    private sealed class Trickle(string text, int piece) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(piece, count), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}

using System.Text;

namespace Bench.Reporting.Html;

/// <summary>
/// Writes a self-contained page whose plotly.js is copied in from its file as the page is written, in 64 KiB pieces.
/// plotly.min.js is 4.8 MB: read into a string (UTF-16), escaped and appended to the page's builder, it took four
/// copies of about 10 MB on the large-object heap, and after a million-call run the process's peak RSS went from
/// about 100 MB to 160 MB while report.html was written. A page is rendered with <see cref="Marker"/> for the script,
/// and the file takes the marker's place here.
/// </summary>
public static class InlineScript
{
    /// <summary>What a page is rendered with in place of plotly.js's text; no script contains it.</summary>
    public const string Marker = "/*bench: plotly.js goes here*/";

    private const string Close = "</script";
    private const string Escaped = "<\\/script";

    /// <summary>Writes <paramref name="html"/> to <paramref name="path"/> (atomically) with the script file in place of its marker.</summary>
    public static void WritePage(string path, string html, string scriptPath)
    {
        ArgumentNullException.ThrowIfNull(html);
        var at = html.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException("the page was not rendered with InlineScript.Marker for its script", nameof(html));
        }

        ResultStore.WriteAtomic(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true);
            using var script = new StreamReader(scriptPath, Encoding.UTF8);
            writer.Write(html.AsSpan(0, at));
            CopyEscaped(script, writer);
            writer.Write(html.AsSpan(at + Marker.Length));
        });
    }

    /// <summary>
    /// Copies a script so that it cannot end the page's script element: every "&lt;/script" in any case becomes
    /// "&lt;\/script", exactly as the pages' own <c>Replace</c> does for a script given as text, also where one falls
    /// across two reads.
    /// </summary>
    public static void CopyEscaped(TextReader reader, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new char[65536];
        var carry = 0;
        while (true)
        {
            var read = reader.Read(buffer, carry, buffer.Length - carry);
            var length = carry + read;
            var span = buffer.AsSpan(0, length);

            // A match that starts before `end` lies wholly in what has been read; one after it may still be arriving.
            var end = read == 0 ? length : Math.Max(0, length - (Close.Length - 1));
            var position = 0;
            while (span[position..].IndexOf(Close, StringComparison.OrdinalIgnoreCase) is var found and >= 0 && position + found < end)
            {
                writer.Write(span.Slice(position, found));
                writer.Write(Escaped);
                position += found + Close.Length;
            }

            if (position < end)
            {
                writer.Write(span[position..end]);
                position = end;
            }

            if (read == 0)
            {
                return;
            }

            span[position..].CopyTo(buffer);
            carry = length - position;
        }
    }
}

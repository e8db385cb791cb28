using System.Buffers;
using System.Text;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Tests.Wire;

/// <summary>String escaping as Python's json.dumps (ensure_ascii) does it; expected values are what CPython prints.</summary>
public sealed class PythonJsonTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote \" and \\ back", "\"quote \\\" and \\\\ back\"")]
    [InlineData("tab\tnew\nline\r", "\"tab\\tnew\\nline\\r\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("café", "\"caf\\u00e9\"")]
    [InlineData("😀", "\"\\ud83d\\ude00\"")]
    [InlineData("\u007f", "\"\\u007f\"")]
    public void Strings_are_escaped_like_python_json_dumps(string value, string expected)
    {
        var fromString = new ArrayBufferWriter<byte>();
        PythonJson.String(fromString, value);
        var fromUtf8 = new ArrayBufferWriter<byte>();
        PythonJson.String(fromUtf8, Encoding.UTF8.GetBytes(value));

        Assert.Equal(expected, Encoding.UTF8.GetString(fromString.WrittenSpan));
        Assert.Equal(expected, Encoding.UTF8.GetString(fromUtf8.WrittenSpan));
    }
}

/// <summary>Escaping then unescaping gives back the original text, and agrees with System.Text.Json's unescaping.</summary>
public sealed class JsonUnescapeTests
{
    [Fact]
    public void Escape_and_unescape_round_trip_random_text_including_surrogates_and_controls()
    {
        var random = new Random(12345);
        string[] pieces = ["\"", "\\", "\n", "\t", "\u0001", "é", "中", "😀", "/", "x", "plain text ", "\u007f", "\u2028"];
        for (var i = 0; i < 2000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var escaped = new ArrayBufferWriter<byte>();
            PythonJson.StringBody(escaped, Encoding.UTF8.GetBytes(text));
            var destination = new byte[escaped.WrittenCount + 8];

            var length = JsonUnescape.Unescape(escaped.WrittenSpan, destination);

            Assert.Equal(text, Encoding.UTF8.GetString(destination, 0, length));
            Assert.Equal(text, System.Text.Json.JsonSerializer.Deserialize<string>("\"" + Encoding.UTF8.GetString(escaped.WrittenSpan) + "\""));
        }
    }
}

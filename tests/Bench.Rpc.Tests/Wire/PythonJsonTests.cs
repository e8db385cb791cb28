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

using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Bench.Rpc.Wire;

/// <summary>
/// Unescapes the body of a JSON string that a reader has already validated (the oslo.message member), copying
/// plain runs found with a vectorized search. Utf8JsonReader.CopyString does the same job about ten times slower on
/// large messages, and the 2.0 envelope puts every message through it.
/// </summary>
internal static class JsonUnescape
{
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var slash = escaped.IndexOf((byte)'\\');
            if (slash < 0)
            {
                escaped.CopyTo(destination[written..]);
                return written + escaped.Length;
            }

            escaped[..slash].CopyTo(destination[written..]);
            written += slash;
            var c = escaped[slash + 1];
            escaped = escaped[(slash + 2)..];
            switch (c)
            {
                case (byte)'n': destination[written++] = (byte)'\n'; break;
                case (byte)'r': destination[written++] = (byte)'\r'; break;
                case (byte)'t': destination[written++] = (byte)'\t'; break;
                case (byte)'b': destination[written++] = (byte)'\b'; break;
                case (byte)'f': destination[written++] = (byte)'\f'; break;
                case (byte)'u':
                    var unit = Hex4(escaped);
                    escaped = escaped[4..];
                    int scalar = unit;
                    if (char.IsHighSurrogate((char)unit) && escaped.Length >= 6 && escaped[0] == '\\' && escaped[1] == 'u')
                    {
                        var low = Hex4(escaped[2..]);
                        if (char.IsLowSurrogate((char)low))
                        {
                            scalar = char.ConvertToUtf32((char)unit, (char)low);
                            escaped = escaped[6..];
                        }
                    }

                    var rune = Rune.IsValid(scalar) ? new Rune(scalar) : Rune.ReplacementChar;
                    written += rune.EncodeToUtf8(destination[written..]);
                    break;
                default: destination[written++] = c; break; // '"', '\\', '/'
            }
        }
    }

    private static ushort Hex4(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text[..4], out ushort value, out var consumed, 'x') && consumed == 4 ? value : (ushort)0xFFFD;
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Bench.Rpc.Wire;

/// <summary>
/// Writes JSON the way Python's <c>json.dumps</c> does by default (", " and ": " separators, ensure_ascii escaping),
/// which is what kombu and oslo.messaging put on the wire. Matching it byte for byte lets tests compare Bench's
/// messages with the captures in shared/docs, and costs nothing: these are plain appends into a pooled buffer.
/// </summary>
internal static class PythonJson
{
    public static ReadOnlySpan<byte> Null => "null"u8;

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    public static void Raw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    public static void Byte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes <c>"name": </c> for a name that needs no escaping (every key Bench writes itself).</summary>
    public static void Key(IBufferWriter<byte> output, ReadOnlySpan<byte> plainName)
    {
        var span = output.GetSpan(plainName.Length + 4);
        span[0] = (byte)'"';
        plainName.CopyTo(span[1..]);
        span[plainName.Length + 1] = (byte)'"';
        span[plainName.Length + 2] = (byte)':';
        span[plainName.Length + 3] = (byte)' ';
        output.Advance(plainName.Length + 4);
    }

    public static void Separator(IBufferWriter<byte> output)
    {
        var span = output.GetSpan(2);
        span[0] = (byte)',';
        span[1] = (byte)' ';
        output.Advance(2);
    }

    public static void Int64(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    public static void Boolean(IBufferWriter<byte> output, bool value) => output.Write(value ? "true"u8 : "false"u8);

    /// <summary>A quoted string from UTF-8 (valid or not: invalid bytes become U+FFFD, as Python would refuse them anyway).</summary>
    public static void String(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        Byte(output, (byte)'"');
        StringBody(output, utf8);
        Byte(output, (byte)'"');
    }

    public static void String(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            output.Write(Null);
            return;
        }

        Byte(output, (byte)'"');
        foreach (var rune in value.EnumerateRunes())
        {
            WriteRune(output, rune);
        }

        Byte(output, (byte)'"');
    }

    /// <summary>Escapes UTF-8 text into the inside of a JSON string. Plain ASCII runs are copied as they are.</summary>
    public static void StringBody(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            var plain = 0;
            while (plain < utf8.Length && utf8[plain] is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\')
            {
                plain++;
            }

            if (plain > 0)
            {
                output.Write(utf8[..plain]);
                utf8 = utf8[plain..];
                continue;
            }

            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            WriteRune(output, rune);
            utf8 = utf8[consumed..];
        }
    }

    private static void WriteRune(IBufferWriter<byte> output, Rune rune)
    {
        var value = rune.Value;
        switch (value)
        {
            case '"':
                output.Write("\\\""u8);
                return;
            case '\\':
                output.Write("\\\\"u8);
                return;
            case '\n':
                output.Write("\\n"u8);
                return;
            case '\r':
                output.Write("\\r"u8);
                return;
            case '\t':
                output.Write("\\t"u8);
                return;
            case '\b':
                output.Write("\\b"u8);
                return;
            case '\f':
                output.Write("\\f"u8);
                return;
        }

        if (value is >= 0x20 and < 0x7F)
        {
            Byte(output, (byte)value);
            return;
        }

        // ensure_ascii: everything else as \uXXXX (lower-case hex), astral characters as a surrogate pair.
        Span<char> utf16 = stackalloc char[2];
        var units = rune.EncodeToUtf16(utf16);
        for (var i = 0; i < units; i++)
        {
            var span = output.GetSpan(6);
            span[0] = (byte)'\\';
            span[1] = (byte)'u';
            span[2] = Hex[(utf16[i] >> 12) & 0xF];
            span[3] = Hex[(utf16[i] >> 8) & 0xF];
            span[4] = Hex[(utf16[i] >> 4) & 0xF];
            span[5] = Hex[utf16[i] & 0xF];
            output.Advance(6);
        }
    }
}

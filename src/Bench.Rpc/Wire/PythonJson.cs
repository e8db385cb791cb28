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

    // Everything json.dumps(ensure_ascii=True) does not copy as it is: control characters, '"', '\\', DEL and non-ASCII.
    private static readonly SearchValues<byte> s_needsEscape = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

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

    /// <summary>Writes <c>, "name": </c>: every member after an object's first starts so.</summary>
    public static void NextKey(IBufferWriter<byte> output, ReadOnlySpan<byte> plainName)
    {
        Separator(output);
        Key(output, plainName);
    }

    /// <summary>Writes <c>, "name": "value"</c>: a member after the first whose value is a string.</summary>
    public static void StringMember(IBufferWriter<byte> output, ReadOnlySpan<byte> plainName, ReadOnlySpan<byte> utf8)
    {
        NextKey(output, plainName);
        String(output, utf8);
    }

    /// <inheritdoc cref="StringMember(IBufferWriter{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public static void StringMember(IBufferWriter<byte> output, ReadOnlySpan<byte> plainName, string? value)
    {
        NextKey(output, plainName);
        String(output, value);
    }

    public static void Int64(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    public static void Boolean(IBufferWriter<byte> output, bool value) => output.Write(value ? "true"u8 : "false"u8);

    /// <summary>
    /// A float as json.dumps writes it (float.__repr__): the shortest digits that read back as the same double (what
    /// .NET's "R" gives), positional with at least one decimal (2.0, 0.0001, 1000000000000000.0) while
    /// 1e-4 &lt;= |x| &lt; 1e16, else d.ddde±XX (1e-05, 1.5e+16); NaN, Infinity and -Infinity bare, as allow_nan does.
    /// A float kept as 2.0 reaches a Python caller as a float; "2" would be an int. No allocation.
    /// </summary>
    public static void Double(IBufferWriter<byte> output, double value) => output.Advance(Double(output.GetSpan(MaxDoubleLength), value));

    /// <summary>The longest <see cref="Double(Span{byte}, double)"/> writes: "-d.dddddddddddddddde-XXX".</summary>
    public const int MaxDoubleLength = 32;

    /// <summary>Writes <paramref name="value"/> as float.__repr__ into <paramref name="span"/> (at least <see cref="MaxDoubleLength"/> bytes); returns the length.</summary>
    public static int Double(Span<byte> span, double value)
    {
        if (!double.IsFinite(value))
        {
            var literal = double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8;
            literal.CopyTo(span);
            return literal.Length;
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var length, "R", System.Globalization.CultureInfo.InvariantCulture);
        var r = text[..length];

        // Read "R" as sign, digits and decpt (value = 0.d1d2… × 10^decpt), the form Python's repr lays out from.
        var negative = r[0] == (byte)'-';
        if (negative)
        {
            r = r[1..];
        }

        var e = r.IndexOfAny((byte)'E', (byte)'e');
        var exponent = 0;
        if (e >= 0)
        {
            var sign = r[e + 1] == (byte)'-' ? -1 : 1;
            foreach (var digit in r[(r[e + 1] is (byte)'+' or (byte)'-' ? e + 2 : e + 1)..])
            {
                exponent = (exponent * 10) + (digit - '0');
            }

            exponent *= sign;
            r = r[..e];
        }

        Span<byte> digits = stackalloc byte[32];
        var count = 0;
        var point = r.IndexOf((byte)'.');
        var decpt = (point < 0 ? r.Length : point) + exponent;
        foreach (var b in r)
        {
            if (b == (byte)'.')
            {
                continue;
            }

            if (count == 0 && b == (byte)'0')
            {
                decpt--; // a leading zero moves the point
                continue;
            }

            digits[count++] = b;
        }

        while (count > 0 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        if (count == 0)
        {
            digits[count++] = (byte)'0'; // 0.0 and -0.0
            decpt = 1;
        }

        var w = 0;
        if (negative)
        {
            span[w++] = (byte)'-';
        }

        if (decpt is > -4 and <= 16)
        {
            if (decpt <= 0)
            {
                span[w++] = (byte)'0';
                span[w++] = (byte)'.';
                span.Slice(w, -decpt).Fill((byte)'0');
                w += -decpt;
                digits[..count].CopyTo(span[w..]);
                w += count;
            }
            else if (decpt >= count)
            {
                digits[..count].CopyTo(span[w..]);
                w += count;
                span.Slice(w, decpt - count).Fill((byte)'0');
                w += decpt - count;
                span[w++] = (byte)'.';
                span[w++] = (byte)'0';
            }
            else
            {
                digits[..decpt].CopyTo(span[w..]);
                w += decpt;
                span[w++] = (byte)'.';
                digits[decpt..count].CopyTo(span[w..]);
                w += count - decpt;
            }
        }
        else
        {
            span[w++] = digits[0];
            if (count > 1)
            {
                span[w++] = (byte)'.';
                digits[1..count].CopyTo(span[w..]);
                w += count - 1;
            }

            var power = decpt - 1;
            span[w++] = (byte)'e';
            span[w++] = power < 0 ? (byte)'-' : (byte)'+';
            power = Math.Abs(power);
            if (power < 10)
            {
                span[w++] = (byte)'0';
            }

            Utf8Formatter.TryFormat(power, span[w..], out var powerLength);
            w += powerLength;
        }

        return w;
    }

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

        // Method names, queue names and context values are short: encode on the stack, then escape in one pass.
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var utf8 = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(value, utf8);
        String(output, utf8[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Escapes UTF-8 text into the inside of a JSON string. Runs of plain ASCII are found with a vectorized search
    /// and copied whole: the 2.0 envelope escapes every inner message, so this is on every request and reply.
    /// </summary>
    public static void StringBody(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        // One span for the worst case (every byte a 6-byte \uXXXX), one Advance: no per-escape buffer calls.
        var span = output.GetSpan((utf8.Length * 6) + 12);
        var written = 0;
        while (!utf8.IsEmpty)
        {
            var plain = utf8.IndexOfAny(s_needsEscape);
            if (plain < 0)
            {
                plain = utf8.Length;
            }

            utf8[..plain].CopyTo(span[written..]);
            written += plain;
            utf8 = utf8[plain..];
            if (utf8.IsEmpty)
            {
                break;
            }

            var b = utf8[0];
            if (b is (byte)'"' or (byte)'\\')
            {
                span[written++] = (byte)'\\';
                span[written++] = b;
                utf8 = utf8[1..];
                continue;
            }

            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            written += EscapeRune(rune, span[written..]);
            utf8 = utf8[consumed..];
        }

        output.Advance(written);
    }

    private static int EscapeRune(Rune rune, Span<byte> destination)
    {
        var value = rune.Value;
        byte simple = value switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            _ => 0,
        };
        if (simple != 0)
        {
            destination[0] = (byte)'\\';
            destination[1] = simple;
            return 2;
        }

        if (value is >= 0x20 and < 0x7F)
        {
            destination[0] = (byte)value;
            return 1;
        }

        Span<char> utf16 = stackalloc char[2];
        var units = rune.EncodeToUtf16(utf16);
        for (var i = 0; i < units; i++)
        {
            var d = destination[(i * 6)..];
            d[0] = (byte)'\\';
            d[1] = (byte)'u';
            d[2] = Hex[(utf16[i] >> 12) & 0xF];
            d[3] = Hex[(utf16[i] >> 8) & 0xF];
            d[4] = Hex[(utf16[i] >> 4) & 0xF];
            d[5] = Hex[utf16[i] & 0xF];
        }

        return units * 6;
    }

    private static void WriteRune(IBufferWriter<byte> output, Rune rune)
    {
        var span = output.GetSpan(12);
        output.Advance(EscapeRune(rune, span));
    }
}

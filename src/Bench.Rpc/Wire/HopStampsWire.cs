using System.Buffers.Text;
using System.Text.Json;

namespace Bench.Rpc.Wire;

/// <summary>
/// Where a stamped call's timestamps travel: the request carries the client's send time as an extra inner member
/// (_bench_sent, as casts do), and the reply to it carries all five worker-side stamps as _bench_hops
/// [sent, received, started, ended, replied]. oslo.messaging peers ignore members they do not know, and an unstamped
/// call is answered without the member, so the bytes stay those of the captures.
/// </summary>
internal static class HopStampsWire
{
    public static ReadOnlySpan<byte> HopsKey => "_bench_hops"u8;

    /// <summary>Room for `"_bench_sent": ` and one long, or `"_bench_hops": [` and five longs.</summary>
    public const int MaxLength = 16 + (5 * 21);

    /// <summary>Writes `"_bench_sent": ticks` into <paramref name="destination"/>; returns the length.</summary>
    public static int WriteSent(Span<byte> destination, long ticks)
    {
        destination[0] = (byte)'"';
        OsloReader.SentTimestampKey.CopyTo(destination[1..]);
        var length = OsloReader.SentTimestampKey.Length + 1;
        "\": "u8.CopyTo(destination[length..]);
        length += 3;
        Utf8Formatter.TryFormat(ticks, destination[length..], out var written);
        return length + written;
    }

    /// <summary>Writes `"_bench_hops": [a, b, c, d, e]` into <paramref name="destination"/>; returns the length.</summary>
    public static int WriteHops(Span<byte> destination, long sent, long received, long started, long ended, long replied)
    {
        destination[0] = (byte)'"';
        HopsKey.CopyTo(destination[1..]);
        var length = HopsKey.Length + 1;
        "\": ["u8.CopyTo(destination[length..]);
        length += 4;
        Span<long> stamps = [sent, received, started, ended, replied];
        for (var i = 0; i < stamps.Length; i++)
        {
            if (i > 0)
            {
                ", "u8.CopyTo(destination[length..]);
                length += 2;
            }

            Utf8Formatter.TryFormat(stamps[i], destination[length..], out var written);
            length += written;
        }

        destination[length] = (byte)']';
        return length + 1;
    }

    /// <summary>Reads the array after the _bench_hops key; false (and nothing set) unless it is five integers.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, Span<long> stamps)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var count = 0;
        var valid = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // Anything but five integers is ignored, but read to its end so the members after it still parse.
            if (reader.TokenType != JsonTokenType.Number || count == stamps.Length || !reader.TryGetInt64(out stamps[count]))
            {
                valid = false;
                reader.Skip();
                continue;
            }

            count++;
        }

        return valid && count == stamps.Length;
    }
}

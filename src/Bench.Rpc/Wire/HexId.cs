using System.Buffers.Text;

namespace Bench.Rpc.Wire;

/// <summary>
/// 32-hex-digit ids in the shape of a uuid4 hex (what oslo uses for _msg_id and _unique_id), made from a random
/// per-process prefix and a counter: unique, cheap, and written straight into a buffer, with no Guid or string per message.
/// The randomness is a Guid's (the operating system's generator, as Python's uuid4 uses), not RandomNumberGenerator's:
/// on Linux that one loads OpenSSL (libcrypto, 3.4 MB resident) into a load generator that needs no cryptography.
/// </summary>
internal static class HexId
{
    public const int Length = 32;

    private static readonly ulong s_prefix = RandomHigh();
    private static long s_counter;

    /// <summary>A fresh unique id (prefix + counter).</summary>
    public static void WriteUnique(Span<byte> destination)
    {
        var n = (ulong)Interlocked.Increment(ref s_counter);
        Write(destination, s_prefix, n);
    }

    public static void Write(Span<byte> destination, ulong high, ulong low)
    {
        Utf8Formatter.TryFormat(high, destination, out _, new System.Buffers.StandardFormat('x', 16));
        Utf8Formatter.TryFormat(low, destination[16..], out _, new System.Buffers.StandardFormat('x', 16));
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out ulong high, out ulong low)
    {
        high = low = 0;
        return source.Length == Length
            && Utf8Parser.TryParse(source[..16], out high, out var a, 'x') && a == 16
            && Utf8Parser.TryParse(source[16..], out low, out var b, 'x') && b == 16;
    }

    /// <summary>A random 32-hex name suffix, for queue names (reply_&lt;hex&gt;, T_fanout_&lt;hex&gt;).</summary>
    public static string NewRandom() => Guid.NewGuid().ToString("N");

    private static ulong RandomHigh()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}

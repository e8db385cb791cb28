using System.Buffers.Binary;
using System.IO.Compression;
using Bench.Load;

namespace Bench.Reporting.Exports;

/// <summary>
/// HdrHistogram's V2 compressed encoding of a <see cref="LatencyHistogram"/>'s counts, as Java's
/// AbstractHistogram.encodeIntoCompressedByteBuffer writes it: a 40-byte header (3 significant digits, lowest
/// discernible value 1, Bench's highest trackable value), the counts as ZigZag LEB128 words with runs of zeros as one
/// negative word, zlib-deflated (header and Adler-32 trailer: what Java's Inflater and pako check). Bench's histogram
/// has HdrHistogram's bucket layout, so its bucket index is the encoding's counts index with no translation.
/// </summary>
public static class HdrEncoding
{
    private const int V2EncodingCookie = 0x1c849303 | 0x10;
    private const int V2CompressedEncodingCookie = 0x1c849304 | 0x10;

    /// <summary>Digits of precision HdrHistogram names Bench's layout by: 2·10³ needs 2048 sub-buckets, 1024 per half.</summary>
    public const int SignificantDigits = 3;

    /// <summary>Encodes sparse buckets ([index, count], any order) as the compressed payload's bytes.</summary>
    public static byte[] Compressed(IEnumerable<(int Index, long Count)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var raw = Uncompressed(buckets);
        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var result = new byte[8 + deflated.Length];
        BinaryPrimitives.WriteInt32BigEndian(result, V2CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(4), (int)deflated.Length);
        deflated.ToArray().CopyTo(result, 8);
        return result;
    }

    /// <summary>The uncompressed V2 encoding: header, then counts up to the highest non-zero bucket.</summary>
    public static byte[] Uncompressed(IEnumerable<(int Index, long Count)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        // Sorted and merged in one array rather than a tree: a second's histogram is a few thousand buckets and a long
        // run's log a hundred or more of them, and a node per bucket was megabytes of garbage after a million calls.
        var counts = buckets.ToArray();
        foreach (var (index, count) in counts)
        {
            if ((uint)index >= (uint)LatencyHistogram.BucketCount || count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(buckets), $"bucket {index} with count {count} is outside Bench's histogram");
            }
        }

        Array.Sort(counts, static (a, b) => a.Index.CompareTo(b.Index));
        using var payload = new MemoryStream();
        var next = 0;
        for (var i = 0; i < counts.Length;)
        {
            var index = counts[i].Index;
            var count = 0L;
            for (; i < counts.Length && counts[i].Index == index; i++)
            {
                count += counts[i].Count;
            }

            if (count == 0)
            {
                continue;
            }

            // A run of zeros is one negative word; a single zero is written as 0, as Java's encoder does.
            var zeros = index - next;
            if (zeros == 1)
            {
                WriteZigZag(payload, 0);
            }
            else if (zeros > 1)
            {
                WriteZigZag(payload, -zeros);
            }

            WriteZigZag(payload, count);
            next = index + 1;
        }

        var result = new byte[40 + payload.Length];
        var span = result.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, V2EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], (int)payload.Length);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0); // normalizing index offset
        BinaryPrimitives.WriteInt32BigEndian(span[12..], SignificantDigits);
        BinaryPrimitives.WriteInt64BigEndian(span[16..], 1); // lowest discernible value: 1 ns
        BinaryPrimitives.WriteInt64BigEndian(span[24..], LatencyHistogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(span[32..], 1.0); // integer-to-double conversion ratio
        payload.ToArray().CopyTo(result, 40);
        return result;
    }

    /// <summary>ZigZag, then LEB128 of up to 8 seven-bit groups and a ninth byte of the top 8 bits (HdrHistogram's "LEB128-64b9B").</summary>
    private static void WriteZigZag(Stream stream, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        for (var i = 0; i < 8; i++)
        {
            if (v < 0x80)
            {
                stream.WriteByte((byte)v);
                return;
            }

            stream.WriteByte((byte)((v & 0x7F) | 0x80));
            v >>= 7;
        }

        stream.WriteByte((byte)v);
    }
}

using System.Numerics;

namespace Bench.Load;

/// <summary>
/// A fixed-size, mergeable log-linear histogram of nanoseconds (HdrHistogram's layout): values below 2048 ns are
/// exact, above that every power of two is split into 1024 linear buckets, so any recorded value is known to within
/// 1/1024 (three significant digits) from 1 ns up to 2^42 ns (73 minutes). Count, sum, sum of squares, min and max are
/// exact running values, so mean and standard deviation do not come from buckets. Single writer: no lock or exception
/// in <see cref="Record"/>; readers merge copies. The buckets are kept in pages of one power of two (8 KB each), made
/// the first time a value falls in them: a run's latencies span a few powers of two of the 34, and each recording
/// thread keeps four histograms, so whole arrays (278 KB each, on the large-object heap) were about 13 MB of a
/// million-call run's memory. The only allocation in <see cref="Record"/> is that first page of a power of two.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>log2 of the linear buckets per power of two (1024): the precision.</summary>
    public const int SubBucketHalfCountMagnitude = 10;

    /// <summary>The largest value kept as itself; larger values are clamped to it and counted as saturated.</summary>
    public const long HighestTrackableValue = (1L << 42) - 1;

    private const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude;
    private const long SubBucketMask = (2L << SubBucketHalfCountMagnitude) - 1;
    private const int LeadingZeroCountBase = 64 - SubBucketHalfCountMagnitude - 1;

    /// <summary>Buckets needed to reach <see cref="HighestTrackableValue"/>: (32 + 2) × 1024.</summary>
    public static readonly int BucketCount = IndexOf(HighestTrackableValue) + 1;

    private const int PageBits = SubBucketHalfCountMagnitude;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private static readonly int PageCount = (BucketCount + PageSize - 1) >> PageBits;

    private readonly long[]?[] _pages = new long[PageCount][];
    private long _count;
    private long _sum;
    private Int128 _sumOfSquares;
    private long _min = long.MaxValue;
    private long _max;
    private long _saturated;

    public long Count => _count;

    public long Sum => _sum;

    /// <summary>Exact minimum; 0 when empty.</summary>
    public long Min => _count == 0 ? 0 : _min;

    /// <summary>Exact maximum.</summary>
    public long Max => _max;

    /// <summary>Values above <see cref="HighestTrackableValue"/> (recorded as it).</summary>
    public long Saturated => _saturated;

    public double Mean => _count == 0 ? 0 : (double)_sum / _count;

    /// <summary>Population standard deviation from exact integer sums: n·Σx² − (Σx)² is computed without rounding.</summary>
    public double StdDev
    {
        get
        {
            if (_count < 2)
            {
                return 0;
            }

            var numerator = (_count * _sumOfSquares) - ((Int128)_sum * _sum);
            return Math.Sqrt((double)numerator) / _count;
        }
    }

    /// <summary>The count of bucket <paramref name="index"/> (0 … <see cref="BucketCount"/> − 1).</summary>
    public long CountAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BucketCount);
        return _pages[index >> PageBits] is { } page ? page[index & PageMask] : 0;
    }

    /// <summary>The non-zero buckets as (index, count), in index order: a second's histogram kept small for the timeline.</summary>
    public (int Index, long Count)[] NonZeroBuckets()
    {
        var buckets = new List<(int, long)>();
        for (var p = 0; p < _pages.Length; p++)
        {
            if (_pages[p] is not { } page)
            {
                continue;
            }

            for (var i = 0; i < page.Length; i++)
            {
                if (page[i] != 0)
                {
                    buckets.Add(((p << PageBits) + i, page[i]));
                }
            }
        }

        return [.. buckets];
    }

    public void Record(long value)
    {
        if ((ulong)value > HighestTrackableValue)
        {
            if (value < 0)
            {
                value = 0;
            }
            else
            {
                value = HighestTrackableValue;
                _saturated++;
            }
        }

        var index = IndexOf(value);
        (_pages[index >> PageBits] ??= new long[PageSize])[index & PageMask]++;
        _count++;
        _sum += value;
        _sumOfSquares += (Int128)value * value;
        if (value < _min)
        {
            _min = value;
        }

        if (value > _max)
        {
            _max = value;
        }
    }

    /// <summary>Adds another histogram's counts and sums: the result equals having recorded everything here.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var p = 0; p < _pages.Length; p++)
        {
            if (other._pages[p] is not { } source)
            {
                continue;
            }

            var page = _pages[p] ??= new long[PageSize];
            for (var i = 0; i < page.Length; i++)
            {
                page[i] += source[i];
            }
        }

        _count += other._count;
        _sum += other._sum;
        _sumOfSquares += other._sumOfSquares;
        _saturated += other._saturated;
        if (other._count > 0)
        {
            _min = Math.Min(_min, other._min);
            _max = Math.Max(_max, other._max);
        }
    }

    public void Clear()
    {
        // Pages stay: the interval histograms are cleared each second and fill the same powers of two again.
        foreach (var page in _pages)
        {
            if (page is not null)
            {
                Array.Clear(page);
            }
        }

        _count = 0;
        _sum = 0;
        _sumOfSquares = 0;
        _min = long.MaxValue;
        _max = 0;
        _saturated = 0;
    }

    public LatencyHistogram Copy()
    {
        var copy = new LatencyHistogram();
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The value at a percentile (0–100): the smallest recorded value such that at least p% of the values are ≤ it,
    /// reported as the highest value its bucket can hold (never above the exact max), so it is within 1/1024 of the
    /// exact order statistic and never below it.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (_count == 0)
        {
            return 0;
        }

        var rank = Rank(percentile, _count);
        long seen = 0;
        for (var p = 0; p < _pages.Length; p++)
        {
            if (_pages[p] is not { } page)
            {
                continue;
            }

            for (var i = 0; i < page.Length; i++)
            {
                seen += page[i];
                if (seen >= rank)
                {
                    return Math.Max(Math.Min(HighestEquivalentValue((p << PageBits) + i), _max), _min);
                }
            }
        }

        return _max;
    }

    /// <summary>
    /// The 1-based rank of the p-th percentile among <paramref name="count"/> values: ⌈p/100 · n⌉, computed so that
    /// binary floating point cannot push an exact product over an integer (99.9/100 · 1000 is 999.0000000000001 in
    /// doubles, whose ceiling would make p99.9 of 1,000 values the maximum).
    /// </summary>
    public static long Rank(double percentile, long count)
    {
        var exact = Math.Clamp(percentile, 0, 100) / 100 * count;
        var nearest = Math.Round(exact);
        var rank = Math.Abs(exact - nearest) <= 1e-9 * Math.Max(1, exact) ? (long)nearest : (long)Math.Ceiling(exact);
        return Math.Clamp(rank, 1, Math.Max(1, count));
    }

    /// <summary>Restores a histogram from its serialized parts (sparse buckets and exact sums).</summary>
    public static LatencyHistogram FromParts(IEnumerable<(int Index, long Count)> buckets, long count, long sum, Int128 sumOfSquares, long min, long max, long saturated = 0)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var histogram = new LatencyHistogram();
        foreach (var (index, n) in buckets)
        {
            if ((uint)index >= (uint)BucketCount || n < 0)
            {
                throw new FormatException($"histogram bucket {index} with count {n} is out of range");
            }

            (histogram._pages[index >> PageBits] ??= new long[PageSize])[index & PageMask] += n;
        }

        histogram._count = count;
        histogram._sum = sum;
        histogram._sumOfSquares = sumOfSquares;
        histogram._min = count == 0 ? long.MaxValue : min;
        histogram._max = max;
        histogram._saturated = saturated;
        return histogram;
    }

    /// <summary>Exact Σx², for serialization (as a decimal string: it can exceed 64 bits).</summary>
    public Int128 SumOfSquares => _sumOfSquares;

    public static int IndexOf(long value)
    {
        var bucketIndex = LeadingZeroCountBase - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask));
        var subBucketIndex = (int)(value >> bucketIndex);
        return ((bucketIndex + 1) << SubBucketHalfCountMagnitude) + (subBucketIndex - SubBucketHalfCount);
    }

    public static long LowestEquivalentValue(int index)
    {
        var bucketIndex = (index >> SubBucketHalfCountMagnitude) - 1;
        var subBucketIndex = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= SubBucketHalfCount;
            bucketIndex = 0;
        }

        return (long)subBucketIndex << bucketIndex;
    }

    public static long HighestEquivalentValue(int index)
    {
        var bucketIndex = Math.Max(0, (index >> SubBucketHalfCountMagnitude) - 1);
        return LowestEquivalentValue(index) + (1L << bucketIndex) - 1;
    }
}

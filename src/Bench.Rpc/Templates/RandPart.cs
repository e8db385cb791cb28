using System.Buffers.Text;
using System.Globalization;

namespace Bench.Rpc.Templates;

/// <summary>
/// {{rand:A-B}}: a uniform integer in [A, B], both inclusive, as a JSON number. A and B are 64-bit and may be negative
/// ({{rand:-10--1}}); B − A + 1 must fit in 64 bits. Random.Shared is thread-safe and allocation-free.
/// </summary>
internal sealed class RandPart : TemplatePart
{
    private readonly long _min;
    private readonly long _max;
    private readonly long _span;

    public RandPart(string placeholder, long min, long max)
    {
        Placeholder = placeholder;
        _min = min;
        _max = max;
        _span = max - min + 1;
        // Every value between the bounds is no longer than the longer bound (a sign only ever comes from the low end).
        MaxLength = Math.Max(min.ToString(CultureInfo.InvariantCulture).Length, max.ToString(CultureInfo.InvariantCulture).Length);
    }

    public override int MaxLength { get; }

    public override string Placeholder { get; }

    public override int SampleVariants => 2;

    public override int Write(Span<byte> destination, long sequence) => Format(_min + Random.Shared.NextInt64(_span), destination);

    public override int WriteSample(Span<byte> destination, int variant) => Format(variant % 2 == 0 ? _min : _max, destination);

    private static int Format(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }
}

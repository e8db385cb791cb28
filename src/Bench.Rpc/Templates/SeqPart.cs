using System.Buffers.Text;

namespace Bench.Rpc.Templates;

/// <summary>{{seq}}: the render's sequence number (0, 1, 2… per template) as a JSON number.</summary>
internal sealed class SeqPart : TemplatePart
{
    // long.MaxValue has 19 digits; one more for a sign keeps the bound simple.
    public override int MaxLength => 20;

    public override bool UsesSequence => true;

    public override string Placeholder => "{{seq}}";

    public override int Write(Span<byte> destination, long sequence)
    {
        Utf8Formatter.TryFormat(sequence, destination, out var written);
        return written;
    }

    public override int WriteSample(Span<byte> destination, int variant) => Write(destination, 0);
}

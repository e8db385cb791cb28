namespace Bench.Rpc.Templates;

/// <summary>Template text between placeholders, encoded to UTF-8 once.</summary>
internal sealed class LiteralPart(byte[] utf8) : TemplatePart
{
    public override int MaxLength => utf8.Length;

    public override bool IsFixed => true;

    public override int Write(Span<byte> destination, long sequence)
    {
        utf8.CopyTo(destination);
        return utf8.Length;
    }

    public override int WriteSample(Span<byte> destination, int variant) => Write(destination, 0);
}

namespace Bench.Rpc.Templates;

/// <summary>{{uuid}}: a fresh random UUID, 36 characters hyphenated, without quotes (users write "{{uuid}}").</summary>
internal sealed class UuidPart : TemplatePart
{
    public const int Length = 36;

    public override int MaxLength => Length;

    public override string Placeholder => "{{uuid}}";

    public override int Write(Span<byte> destination, long sequence)
    {
        Guid.NewGuid().TryFormat(destination, out var written, "D");
        return written;
    }

    public override int WriteSample(Span<byte> destination, int variant)
    {
        Guid.Empty.TryFormat(destination, out var written, "D");
        return written;
    }
}

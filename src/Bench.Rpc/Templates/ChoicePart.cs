namespace Bench.Rpc.Templates;

/// <summary>{{choice:a|b|c}}: one of the literal texts, uniformly, each pre-encoded to UTF-8.</summary>
internal sealed class ChoicePart : TemplatePart
{
    private readonly byte[][] _options;

    public ChoicePart(string placeholder, byte[][] options)
    {
        Placeholder = placeholder;
        _options = options;
        MaxLength = options.Max(o => o.Length);
    }

    public override int MaxLength { get; }

    public override string Placeholder { get; }

    public override int SampleVariants => _options.Length;

    public override int Write(Span<byte> destination, long sequence) => Copy(_options[Random.Shared.Next(_options.Length)], destination);

    public override int WriteSample(Span<byte> destination, int variant) => Copy(_options[variant % _options.Length], destination);

    private static int Copy(byte[] option, Span<byte> destination)
    {
        option.CopyTo(destination);
        return option.Length;
    }
}

namespace Bench.Rpc.Templates;

/// <summary>
/// {{bytes:N}}: N characters of filler, lowercase ASCII letters only, so it sits safely inside a JSON string and
/// N characters are N bytes. The filler is built once and is the same on every render: it sizes the payload, it
/// does not vary it (use {{uuid}} or {{seq}} for that).
/// </summary>
internal sealed class BytesPart : TemplatePart
{
    /// <summary>64 MiB: half of RabbitMQ's default max_message_size, leaving room for the envelope and other args.</summary>
    public const int MaxCount = 64 << 20;

    private readonly byte[] _filler;

    public BytesPart(string placeholder, int count)
    {
        Placeholder = placeholder;
        _filler = new byte[count];
        for (var i = 0; i < count; i++)
        {
            _filler[i] = (byte)('a' + (i % 26));
        }
    }

    public override int MaxLength => _filler.Length;

    public override bool IsFixed => true;

    public override string Placeholder { get; }

    public override int Write(Span<byte> destination, long sequence)
    {
        _filler.CopyTo(destination);
        return _filler.Length;
    }

    public override int WriteSample(Span<byte> destination, int variant) => Write(destination, 0);
}

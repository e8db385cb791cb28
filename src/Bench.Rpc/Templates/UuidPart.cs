namespace Bench.Rpc.Templates;

/// <summary>
/// {{uuid}}: a fresh random (version 4) UUID, 36 characters hyphenated, without quotes (users write "{{uuid}}"). Its
/// 122 random bits come from Random.Shared, not Guid.NewGuid: NewGuid asks the OS for cryptographic randomness on every
/// call, a system call that cost over a microsecond here (benchmarks/Templates: `-- --filter '*UuidBenchmarks*'`),
/// and request ids need uniqueness, not secrecy.
/// </summary>
internal sealed class UuidPart : TemplatePart
{
    public const int Length = 36;

    public override int MaxLength => Length;

    public override string Placeholder => "{{uuid}}";

    public override int Write(Span<byte> destination, long sequence) => Format(NewV4(), destination);

    public override int WriteSample(Span<byte> destination, int variant) => Format(Guid.Empty, destination);

    /// <summary>A random RFC 9562 version-4 UUID: version nibble 4, variant bits 10, the rest from Random.Shared.</summary>
    public static Guid NewV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static int Format(Guid uuid, Span<byte> destination)
    {
        uuid.TryFormat(destination, out var written, "D");
        return written;
    }
}

namespace Bench.Rpc;

/// <summary>A JSON value kept as its UTF-8 text, e.g. a method result passed through without a serializer.</summary>
public readonly record struct RawJson(ReadOnlyMemory<byte> Utf8)
{
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);
}

namespace Bench.Rpc.Templates;

/// <summary>
/// One compiled piece of an args template: literal UTF-8 or one placeholder. Parts are built once by
/// <see cref="TemplateParser"/>; <see cref="Write"/> runs per request and must not allocate.
/// </summary>
internal abstract class TemplatePart
{
    /// <summary>The most bytes <see cref="Write"/> can produce: what the caller's buffer must hold.</summary>
    public abstract int MaxLength { get; }

    /// <summary>True when every render writes the same bytes (literal text, filler), so a template of only such parts is constant.</summary>
    public virtual bool IsFixed => false;

    /// <summary>True for {{seq}}: the template draws one sequence number per render only when some part uses it.</summary>
    public virtual bool UsesSequence => false;

    /// <summary>The placeholder as written ("{{rand:1-5}}"), for error messages; null for literal text.</summary>
    public virtual string? Placeholder => null;

    /// <summary>Writes this part for one request; <paramref name="sequence"/> is the render's {{seq}} value.</summary>
    public abstract int Write(Span<byte> destination, long sequence);

    /// <summary>
    /// Writes a deterministic sample for the compile-time JSON check. Variants 0, 1, 2… cover the extremes a part can
    /// produce (both rand bounds, every choice), so each one is checked once without consuming {{seq}} numbers.
    /// </summary>
    public abstract int WriteSample(Span<byte> destination, int variant);

    /// <summary>How many sample variants cover this part (every choice option, both rand bounds).</summary>
    public virtual int SampleVariants => 1;
}
